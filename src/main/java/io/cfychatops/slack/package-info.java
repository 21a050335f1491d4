/**
 * The Slack adapter: Bolt app wiring ({@link io.cfychatops.slack.SlackApp}), Socket Mode ({@link
 * io.cfychatops.slack.SlackSocketMode}) and HTTP mode ({@link
 * io.cfychatops.slack.SlackHttpServer}), Block Kit rendering of the neutral chat model ({@link
 * io.cfychatops.slack.BlockKitRenderer}), the Web API {@link io.cfychatops.chat.ChatPort} ({@link
 * io.cfychatops.slack.SlackChatPort}) and one entry point for the composition root ({@link
 * io.cfychatops.slack.SlackBot}).
 *
 * <p>Nothing outside this package imports Bolt types. Every model string is escaped here, so text
 * that came from a user or a manager can never ping {@code @channel} or forge a link.
 */
package io.cfychatops.slack;
