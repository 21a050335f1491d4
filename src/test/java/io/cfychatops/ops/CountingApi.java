package io.cfychatops.ops;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Wraps a ManagerPort and counts calls per method name (requests reaching the manager). */
final class CountingApi {
  final Map<String, Integer> counts = new ConcurrentHashMap<>();
  final ManagerPort api;

  CountingApi(ManagerPort delegate) {
    this.api =
        (ManagerPort)
            Proxy.newProxyInstance(
                ManagerPort.class.getClassLoader(),
                new Class<?>[] {ManagerPort.class},
                (proxy, m, args) -> {
                  if (m.getDeclaringClass() == Object.class) {
                    return m.invoke(delegate, args);
                  }
                  counts.merge(m.getName(), 1, Integer::sum);
                  try {
                    return m.invoke(delegate, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  int count(String method) {
    return counts.getOrDefault(method, 0);
  }

  int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
