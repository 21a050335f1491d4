package io.cfychatops.approvals;

import io.cfychatops.command.ShortIds;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Makes approval request ids ({@code apr-} + 8 lower-case base-32 characters). */
@FunctionalInterface
public interface IdGenerator {

  /** What a valid request id looks like; anything else in a button value is refused unread. */
  Pattern REQUEST_ID = Pattern.compile("apr-[a-z0-9]{4,16}");

  String nextRequestId();

  static boolean isValidRequestId(String s) {
    return s != null && REQUEST_ID.matcher(s).matches();
  }

  /** Unguessable ids from a {@link ShortIds#random}: 40 bits, e.g. {@code apr-7f3k2q9m}. */
  static IdGenerator random() {
    return () -> ShortIds.random("apr-", 8);
  }

  /** {@code apr-0001}, {@code apr-0002}, ... for tests and demos. */
  static IdGenerator sequential() {
    AtomicLong n = new AtomicLong();
    return () -> String.format("apr-%04d", n.incrementAndGet());
  }
}
