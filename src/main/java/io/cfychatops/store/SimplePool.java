package io.cfychatops.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small bounded connection pool in front of a driver {@link DataSource}, used for PostgreSQL.
 *
 * <p>Why: a new PostgreSQL connection costs a backend process fork and a round trip of
 * authentication for every repository call, and an unbounded number of them can exhaust {@code
 * max_connections} when many clicks arrive at once. The dependency set has no pool library, and we
 * need very little: at most {@code maxSize} connections, idle ones reused, a bounded wait. A
 * connection returned to the pool is rolled back if a transaction was left open and put back in
 * auto-commit mode; one that reports itself broken ({@code isValid} fails) is discarded.
 */
final class SimplePool implements DataSource, AutoCloseable {
  private final DataSource target;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final long waitMillis;
  private volatile boolean closed;

  SimplePool(DataSource target, int maxSize, Duration maxWait) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("pool maxSize must be >= 1, was " + maxSize);
    }
    this.target = target;
    this.permits = new Semaphore(maxSize, true);
    this.waitMillis = maxWait.toMillis();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("connection pool is closed");
    }
    try {
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLException("no database connection free after " + waitMillis + " ms", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", e);
    }
    try {
      Connection c = takeIdle();
      if (c == null) {
        c = target.getConnection();
      }
      return wrap(c);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private Connection takeIdle() {
    while (true) {
      Connection c;
      synchronized (idle) {
        c = idle.pollFirst();
      }
      if (c == null) {
        return null;
      }
      try {
        if (c.isValid(2)) {
          return c;
        }
      } catch (SQLException ignored) {
        // discard below
      }
      closeQuietly(c);
    }
  }

  private void release(Connection raw) {
    try {
      boolean healthy = !raw.isClosed();
      if (healthy && !raw.getAutoCommit()) {
        raw.rollback();
        raw.setAutoCommit(true);
      }
      if (healthy && !closed) {
        synchronized (idle) {
          idle.addFirst(raw);
        }
      } else {
        closeQuietly(raw);
      }
    } catch (SQLException e) {
      closeQuietly(raw);
    } finally {
      permits.release();
    }
  }

  private Connection wrap(Connection raw) {
    InvocationHandler h =
        new InvocationHandler() {
          private boolean returned;

          @Override
          public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args)
              throws Throwable {
            switch (m.getName()) {
              case "close":
                if (!returned) {
                  returned = true;
                  release(raw);
                }
                return null;
              case "isClosed":
                return returned || raw.isClosed();
              case "unwrap":
                return ((Class<?>) args[0]).isInstance(proxy) ? proxy : raw.unwrap((Class<?>) args[0]);
              case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || raw.isWrapperFor((Class<?>) args[0]);
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              case "toString":
                return "pooled(" + raw + ")";
              default:
                if (returned) {
                  throw new SQLException("connection already returned to the pool");
                }
                try {
                  return m.invoke(raw, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
            }
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            SimplePool.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (idle) {
      idle.forEach(SimplePool::closeQuietly);
      idle.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a broken connection: nothing to do
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("pool uses the configured credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }
}
