package io.cfychatops.drill;

import io.cfychatops.ops.DrillSteps;
import io.cfychatops.ops.Operation;
import io.cfychatops.ops.StepState;
import io.cfychatops.text.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The RTO of a drill by phase, from its steps' start and end times: fetch, upload, maintenance on
 * (the restore's preflight included), restore execution (the POST and the wait for it to end), REST
 * back, maintenance off and validation. A phase whose steps never ran is left out.
 */
final class DrillPhases {
  private DrillPhases() {}

  static final Map<String, List<String>> PHASES = phases();

  private static Map<String, List<String>> phases() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("fetch", List.of(DrillRunbook.FETCH));
    m.put("upload", List.of(DrillSteps.UPLOAD, DrillSteps.UPLOAD_VERIFY));
    m.put("maintenance on", List.of(DrillSteps.PREFLIGHT, DrillSteps.MAINTENANCE_ON));
    m.put("restore execution", List.of(DrillSteps.RESTORE, DrillSteps.RESTORE_WAIT));
    m.put("REST back", List.of(DrillSteps.REST_BACK));
    m.put("maintenance off", List.of(DrillSteps.MAINTENANCE_OFF));
    m.put("validation", List.of(DrillRunbook.VALIDATE));
    return m;
  }

  static Map<String, Duration> of(Operation op) {
    Map<String, Duration> out = new LinkedHashMap<>();
    PHASES.forEach(
        (phase, steps) -> {
          Duration sum = null;
          for (String s : steps) {
            StepState st = op.step(s).orElse(null);
            if (st != null && st.startedAt() != null && st.finishedAt() != null) {
              Duration d = Duration.between(st.startedAt(), st.finishedAt());
              sum = sum == null ? d : sum.plus(d);
            }
          }
          if (sum != null) {
            out.put(phase, sum);
          }
        });
    return out;
  }

  /** "fetch 2s · upload 5s · …". */
  static String format(Map<String, Duration> phases) {
    StringJoiner j = new StringJoiner(" · ");
    phases.forEach((k, v) -> j.add(k + " " + Durations.format(v)));
    return j.toString();
  }
}
