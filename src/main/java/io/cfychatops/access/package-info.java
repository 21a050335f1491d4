/**
 * Who may do what: roles ({@code viewer}, {@code operator}, {@code approver}, {@code admin}) granted
 * per manager to chat user ids and user groups. Group membership is looked up through the chat
 * port and cached (Caffeine) for a TTL.
 */
package io.cfychatops.access;
