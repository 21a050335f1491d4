package io.cfychatops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListQueryTest extends SimTestSupport {

  @BeforeEach
  void setUp() {
    start();
    Instant t = Instant.parse("2024-08-01T00:00:00Z");
    sim.seedSnapshot("nightly-3", "created", "", t.plusSeconds(300));
    sim.seedSnapshot("nightly-1", "created", "", t.plusSeconds(100));
    sim.seedSnapshot("pre-upgrade", "failed", "Snapshot creation failed: x", t.plusSeconds(50));
    sim.seedSnapshot("nightly-2", "uploaded", "", t.plusSeconds(200));
  }

  private static List<String> ids(JsonNode env) {
    List<String> out = new ArrayList<>();
    env.get("items").forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  @Test
  void envelopeDefaultsToCreatedAtOrder() {
    JsonNode env = client.get("snapshots").json();
    assertThat(ids(env)).containsExactly("pre-upgrade", "nightly-1", "nightly-2", "nightly-3");
    assertThat(env.at("/metadata/pagination/total").asInt()).isEqualTo(4);
    assertThat(env.at("/metadata/pagination/size").asInt()).isEqualTo(1000);
    assertThat(env.at("/metadata/pagination/offset").asInt()).isEqualTo(0);
    assertThat(env.at("/metadata/filtered").isNull()).isTrue();
  }

  @Test
  void paginationLoopCoversEverything() {
    List<String> seen = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode env = client.get("snapshots?_size=3&_offset=" + offset).json();
      seen.addAll(ids(env));
      assertThat(env.at("/metadata/pagination/size").asInt()).isEqualTo(3);
      offset += 3;
      if (offset >= env.at("/metadata/pagination/total").asInt()) {
        break;
      }
    }
    assertThat(seen).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void badPaginationIs400WithoutTraceback() {
    for (String q : List.of("_size=-1", "_offset=abc", "_size=1.5")) {
      SimClient.Resp r = client.get("snapshots?" + q);
      assertThat(r.status()).as(q).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("bad_parameters_error");
      assertThat(r.json().has("server_traceback")).isFalse();
    }
  }

  @Test
  void sortDescendingAndUnknownSortKey() {
    assertThat(ids(client.get("snapshots?_sort=-created_at").json()))
        .containsExactly("nightly-3", "nightly-2", "nightly-1", "pre-upgrade");
    assertThat(ids(client.get("snapshots?_sort=id").json()))
        .containsExactly("nightly-1", "nightly-2", "nightly-3", "pre-upgrade");
    SimClient.Resp r = client.get("snapshots?_sort=size");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("bad_parameters_error");
    assertThat(r.json().get("message").asText()).startsWith("Sort keys '['size']' do not exist");
  }

  @Test
  void includeProjectsAndValidates() {
    JsonNode item = client.get("snapshots?_include=id,status").json().at("/items/0");
    assertThat(item.size()).isEqualTo(2);
    assertThat(item.has("id")).isTrue();
    assertThat(item.has("status")).isTrue();
    SimClient.Resp r = client.get("snapshots?_include=id,bogus");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("no_such_include_field_error");
    assertThat(client.get("snapshots/nightly-1?_include=status").json().size()).isEqualTo(1);
  }

  @Test
  void searchAndFilters() {
    assertThat(ids(client.get("snapshots?_search=nightly").json())).hasSize(3);
    assertThat(ids(client.get("snapshots?status=created&status=uploaded").json()))
        .containsExactly("nightly-1", "nightly-2", "nightly-3");
    assertThat(ids(client.get("snapshots?status=failed").json())).containsExactly("pre-upgrade");
    SimClient.Resp r = client.get("snapshots?colour=red");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("bad_parameters_error");
    assertThat(r.json().get("message").asText())
        .startsWith("Filter keys '['colour']' do not exist");
  }
}
