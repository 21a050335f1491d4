package io.cfychatops.config;

/**
 * Where the bot posts: default incident channel for operation progress, the nightly report channel,
 * the on-call user group mentioned on failures, and who grants roles (named in "you lack role X"
 * answers).
 */
public record SlackConfig(
    String incidentChannel, String reportsChannel, String oncallGroup, String accessContact) {}
