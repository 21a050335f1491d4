package io.cfychatops.approvals;

import java.security.SecureRandom;
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

  /** Unguessable ids from a {@link SecureRandom}: 40 bits, e.g. {@code apr-7f3k2q9m}. */
  static IdGenerator random() {
    SecureRandom rnd = new SecureRandom();
    String alphabet = "abcdefghjkmnpqrstuvwxyz023456789"; // 32 symbols, no 1/l/i/o
    return () -> {
      char[] c = new char[8];
      for (int i = 0; i < c.length; i++) {
        c[i] = alphabet.charAt(rnd.nextInt(32));
      }
      return "apr-" + new String(c);
    };
  }

  /** {@code apr-0001}, {@code apr-0002}, ... for tests and demos. */
  static IdGenerator sequential() {
    AtomicLong n = new AtomicLong();
    return () -> String.format("apr-%04d", n.incrementAndGet());
  }
}
