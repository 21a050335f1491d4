/**
 * The {@code /cfy} command grammar: text typed in Slack or the console in, a typed {@link
 * io.cfychatops.command.Command} out.
 *
 * <p>{@link io.cfychatops.command.CommandParser#parse(String)} mirrors the {@code cfy} CLI ({@code
 * cfy snapshots create|list|download|upload|restore|delete|status}, {@code cfy maintenance-mode
 * ...}) plus the bot's own commands (approvals, operations, backups, audit). It never throws: every
 * input yields either a {@link io.cfychatops.command.ParseResult.Parsed} or a {@link
 * io.cfychatops.command.ParseResult.ParseError} whose message says what to type instead. Everything
 * that can be checked without a manager (snapshot ids, flag combinations the server would reject,
 * number ranges) is checked here, so a bad line never reaches a manager.
 *
 * <p>{@link io.cfychatops.command.ActionKind} says once what each command is (path, record type,
 * effect, required role, approval action); {@link io.cfychatops.command.Command.Visitor} and {@link
 * io.cfychatops.command.OperationCommand.Visitor} are the exhaustive ways to handle one. {@link
 * io.cfychatops.command.HelpText} holds the usage text for every command. This package is plain
 * Java: no Slack, HTTP, JSON or JDBC types.
 */
package io.cfychatops.command;
