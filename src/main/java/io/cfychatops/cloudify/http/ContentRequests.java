package io.cfychatops.cloudify.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfychatops.cloudify.CloudifyException;
import io.cfychatops.cloudify.Execution;
import io.cfychatops.cloudify.ExecutionEvent;
import io.cfychatops.cloudify.ListQuery;
import io.cfychatops.cloudify.NotFoundException;
import io.cfychatops.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The content reads of {@link HttpCloudifyClient} (counts per tenant, one entity, an execution's
 * events) and the one workflow start: every read here may bypass maintenance mode, so a restore can
 * be checked while maintenance is still on.
 */
final class ContentRequests {

  /** A path under the API: one or two lower-case segments ({@code filters/deployments}). */
  private static final Pattern RESOURCE = Pattern.compile("[a-z_-]{1,64}(/[a-z_-]{1,64})?");

  private static final Pattern WORKFLOW = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private static final Set<String> EVENT_FILTERS = Set.of("level", "event_type", "type");

  private final Exchange exchange;

  ContentRequests(Exchange exchange) {
    this.exchange = exchange;
  }

  static String checkResource(String resource) {
    if (resource == null || !RESOURCE.matcher(resource).matches()) {
      throw new IllegalArgumentException("Invalid resource path `" + resource + "`");
    }
    return resource;
  }

  private static Interceptors.Flags flags(boolean bypassMaintenance) {
    return new Interceptors.Flags(false, false, bypassMaintenance);
  }

  Map<String, Long> summaryByTenant(String type, boolean bypass) {
    checkResource(type);
    HttpUrl url =
        exchange
            .url("summary", type)
            .newBuilder()
            .addQueryParameter("_target_field", "tenant_name")
            .addQueryParameter("_all_tenants", "true")
            .addQueryParameter("_size", Integer.toString(ListQuery.MAX_PAGE_SIZE))
            .build();
    JsonNode env = exchange.getJson(url, flags(bypass));
    JsonNode items = env.get("items");
    if (items == null || !items.isArray()) {
      throw new CloudifyException(
          200, null, "Summary response has no `items` array", "GET " + url.encodedPath());
    }
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode item : items) {
      String tenant = Json.text(item, "tenant_name");
      JsonNode n = item.get(type);
      if (tenant != null && n != null && n.canConvertToLong()) {
        out.merge(tenant, n.asLong(), Long::sum);
      }
    }
    return out;
  }

  long total(String resource, boolean bypass) {
    HttpUrl url =
        exchange
            .url(checkResource(resource).split("/"))
            .newBuilder()
            .addQueryParameter("_size", "0")
            .build();
    JsonNode env = exchange.getJson(url, flags(bypass));
    long total = Models.paginationTotal(env, -1);
    if (total < 0) {
      throw new CloudifyException(
          200, null, "List response has no pagination total", "GET " + url.encodedPath());
    }
    return total;
  }

  Map<String, Long> countByTenant(String resource, boolean bypass) {
    ListQuery q =
        ListQuery.builder()
            .allTenants(true)
            .include("tenant_name")
            .pageSize(ListQuery.MAX_PAGE_SIZE)
            .build();
    Map<String, Long> out = new TreeMap<>();
    exchange
        .list(
            checkResource(resource),
            q,
            null,
            n -> Objects.requireNonNullElse(Json.text(n, "tenant_name"), ""),
            flags(bypass))
        .items()
        .forEach(t -> out.merge(t, 1L, Long::sum));
    return out;
  }

  boolean exists(String resource, String tenant, String id, boolean bypass) {
    Objects.requireNonNull(id, "id");
    HttpUrl url =
        exchange
            .url(checkResource(resource), id)
            .newBuilder()
            .addQueryParameter("_include", "id")
            .build();
    Request.Builder b = Exchange.request(url, flags(bypass));
    if (tenant != null) {
      b.header(Interceptors.TENANT_HEADER, tenant);
    }
    Request req = b.get().build();
    try {
      Exchange.requireObject(exchange.send(req, true, Exchange::is2xx, Exchange.jsonReader()), req);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  List<ExecutionEvent> executionEvents(
      String executionId, Map<String, String> filters, int limit, boolean bypass) {
    if (limit < 1 || limit > ListQuery.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "limit must be 1.." + ListQuery.MAX_PAGE_SIZE + ", got " + limit);
    }
    HttpUrl.Builder u =
        exchange.url("events").newBuilder().addQueryParameter("execution_id", executionId);
    filters.forEach(
        (k, v) -> {
          if (!EVENT_FILTERS.contains(k)) {
            throw new IllegalArgumentException("Unsupported event filter `" + k + "`");
          }
          u.addQueryParameter(k, Objects.requireNonNull(v, k));
        });
    HttpUrl url =
        u.addQueryParameter("_sort", "@timestamp")
            .addQueryParameter("_offset", "0")
            .addQueryParameter("_size", Integer.toString(limit))
            .build();
    JsonNode items = exchange.getJson(url, flags(bypass)).get("items");
    if (items == null || !items.isArray()) {
      throw new CloudifyException(
          200, null, "Events response has no `items` array", "GET " + url.encodedPath());
    }
    List<ExecutionEvent> out = new ArrayList<>();
    for (JsonNode n : items) {
      JsonNode message = n.get("message");
      String text =
          message != null && message.isObject()
              ? Json.text(message, "text")
              : Json.text(n, "message");
      out.add(
          new ExecutionEvent(
              Json.instant(n, "@timestamp") != null
                  ? Json.instant(n, "@timestamp")
                  : Json.instant(n, "timestamp"),
              Json.text(n, "type"),
              Json.text(n, "level"),
              Json.text(n, "event_type"),
              text));
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  Execution startExecution(String tenant, String deploymentId, String workflowId) {
    Objects.requireNonNull(deploymentId, "deploymentId");
    if (workflowId == null || !WORKFLOW.matcher(workflowId).matches()) {
      throw new IllegalArgumentException("Invalid workflow id `" + workflowId + "`");
    }
    ObjectNode body =
        Json.object().put("deployment_id", deploymentId).put("workflow_id", workflowId);
    Request.Builder b = Exchange.request(exchange.url("executions"), Interceptors.Flags.DEFAULT);
    if (tenant != null) {
      b.header(Interceptors.TENANT_HEADER, tenant);
    }
    Request req = b.post(Exchange.jsonBody(body)).build();
    return Models.execution(
        Exchange.requireObject(
            exchange.send(req, false, Exchange::is2xx, Exchange.jsonReader()), req));
  }
}
