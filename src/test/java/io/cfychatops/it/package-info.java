/**
 * The deployed-process acceptance suite ({@code *IT}, run by maven-failsafe after {@code package}
 * in {@code mvn -B verify}): each case starts {@code target/cfy-chatops.jar} as child processes —
 * the simulator ({@code simulator --test-hooks}) and the bot ({@code slack [--http] --config FILE})
 * — beside a fake Slack Web API in the test JVM, and checks what a user sees in Slack and what the
 * manager saw ({@code /_sim/requests}). kill -9 is {@link java.lang.Process#destroyForcibly()},
 * checked by exit status 137.
 *
 * <p>Harness: {@link io.cfychatops.it.ChildProcess} (launch, logs under {@code target/it-logs/},
 * kill, reaper), {@link io.cfychatops.it.SimProcess}, {@link io.cfychatops.it.BotProcess} with
 * {@link io.cfychatops.it.BotYaml}, {@link io.cfychatops.it.SlackDriver} (signed requests, Socket
 * Mode envelopes, reads of the fake), {@link io.cfychatops.it.Stack} (one case's world) and {@link
 * io.cfychatops.it.Figures} ({@code target/acceptance-figures.txt}).
 */
package io.cfychatops.it;
