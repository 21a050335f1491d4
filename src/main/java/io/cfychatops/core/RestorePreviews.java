package io.cfychatops.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cfychatops.archive.ArchivePreview;
import io.cfychatops.archive.ArchiveRefusedException;
import io.cfychatops.archive.StoredArchive;
import io.cfychatops.concurrent.NamedThreads;
import io.cfychatops.ops.ManagerPort;
import io.cfychatops.ops.ManagerPort.ContentCounts;
import io.cfychatops.ops.ManagerPort.ManagerCallException;
import io.cfychatops.ops.ManagerPort.RestoreFlags;
import io.cfychatops.ops.OperationEngine;
import io.cfychatops.ops.PreviewSource;
import io.cfychatops.ops.RestoreGate;
import io.cfychatops.ops.StoredArchivePreviews;
import io.cfychatops.text.Redactor;
import io.cfychatops.text.Truncate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore previews for chat: the archive (through the engine's {@link PreviewSource}, downloaded
 * into the archive store when it is not there), the manager's version, what it holds now (counts
 * over REST) and its cluster size, judged by the {@link RestoreGate}. Work runs on a small pool of
 * its own; a caller waits at most {@link #WAIT} and otherwise gets the future (the card says
 * "preview pending" and is updated when it is done).
 */
final class RestorePreviews {
  private static final Logger log = LoggerFactory.getLogger(RestorePreviews.class);

  /** How long a request or {@code inspect} waits before answering "pending". */
  static final Duration WAIT = Duration.ofSeconds(10);

  /** A preview to show. {@code archive} is null when the source is not the archive store. */
  record View(
      ArchivePreview preview,
      @Nullable StoredArchive archive,
      String managerVersion,
      @Nullable ContentCounts now,
      String countsProblem,
      RestoreGate.Verdict verdict,
      Instant at) {}

  /** What computing a preview gave. */
  sealed interface Result {}

  /** A preview. */
  record Ready(View view) implements Result {}

  /** No preview: {@code reason} says why (safe to show). */
  record Unavailable(String reason) implements Result {}

  private final @Nullable OperationEngine engine;
  private final Clock clock;
  private final ExecutorService pool =
      new ThreadPoolExecutor(
          2,
          2,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(64),
          NamedThreads.daemon("cfy-preview"));
  private final Cache<String, CompletableFuture<Result>> byRequest =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(Duration.ofDays(1)).build();

  RestorePreviews(@Nullable OperationEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = Objects.requireNonNull(clock);
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
  }

  /** Whether previews can be made at all (an archive store is connected). */
  boolean enabled() {
    return engine != null && engine.previews() != null;
  }

  /** Starts a preview of {@code snapshotId} as a restore with {@code flags} would meet it. */
  CompletableFuture<Result> start(
      String manager, ManagerPort port, String snapshotId, RestoreFlags flags) {
    try {
      return CompletableFuture.supplyAsync(() -> compute(manager, port, snapshotId, flags), pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          new Unavailable("too many previews are being read; try again in a minute"));
    }
  }

  /** The result if it is there within {@link #WAIT}, else empty (the future goes on). */
  static Optional<Result> await(CompletableFuture<Result> f) {
    try {
      return Optional.of(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(new Unavailable("the preview failed: " + e.getCause()));
    }
  }

  /** Remembers the preview of approval request {@code requestId} for its card. */
  void remember(String requestId, CompletableFuture<Result> f) {
    byRequest.put(requestId, f);
  }

  /** The card part of request {@code requestId}: the preview, "pending", or a pointer. */
  io.cfychatops.approvals.ApprovalCards.Preview card(
      String requestId, String manager, @Nullable String snapshotId) {
    CompletableFuture<Result> f = byRequest.getIfPresent(requestId);
    if (f == null && !enabled()) {
      return io.cfychatops.approvals.ApprovalCards.Preview.NONE;
    }
    if (f == null) {
      return snapshotId == null
          ? io.cfychatops.approvals.ApprovalCards.Preview.NONE
          : new io.cfychatops.approvals.ApprovalCards.Preview(
              List.of(),
              List.of("Preview: `/cfy snapshots inspect " + snapshotId + " -m " + manager + "`"));
    }
    if (!f.isDone()) {
      return new io.cfychatops.approvals.ApprovalCards.Preview(
          List.of(),
          List.of(
              "Preview pending: the archive is being downloaded into the archive store and read;"
                  + " this card is updated when it is done"));
    }
    Result r = f.getNow(new Unavailable("not done"));
    if (r instanceof Ready ok) {
      List<String> warnings =
          ok.view().verdict().refused()
              ? List.of("REFUSED: " + ok.view().verdict().refusal())
              : ok.view().verdict().warnings();
      return new io.cfychatops.approvals.ApprovalCards.Preview(
          warnings, PreviewText.rows(ok.view(), PreviewText.CARD_TENANTS, PreviewText.CARD_IDS));
    }
    return new io.cfychatops.approvals.ApprovalCards.Preview(
        List.of(), List.of("Preview unavailable: " + ((Unavailable) r).reason()));
  }

  /** Computes a preview now, on the caller's thread. */
  Result compute(String manager, ManagerPort port, String snapshotId, RestoreFlags flags) {
    PreviewSource source = engine == null ? null : engine.previews();
    if (source == null) {
      return new Unavailable("no archive store is connected");
    }
    try {
      ArchivePreview preview;
      StoredArchive archive = null;
      if (source instanceof StoredArchivePreviews stored) {
        StoredArchivePreviews.Lookup l = stored.lookup(manager, snapshotId, true);
        if (l instanceof StoredArchivePreviews.Missing m) {
          return new Unavailable(safe(m.reason()));
        }
        if (l instanceof StoredArchivePreviews.Refused r) {
          return new Unavailable("the archive is refused: " + safe(r.reason()));
        }
        StoredArchivePreviews.Found found = (StoredArchivePreviews.Found) l;
        preview = found.preview();
        archive = found.archive();
      } else {
        Optional<ArchivePreview> p = source.preview(manager, snapshotId);
        if (p.isEmpty()) {
          return new Unavailable("the archive of `" + snapshotId + "` could not be had");
        }
        preview = p.get();
      }
      String version = port.version(manager);
      ContentCounts now = null;
      String problem = "";
      try {
        now = port.contentCounts(manager);
      } catch (ManagerCallException | UnsupportedOperationException e) {
        problem = safe(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      int nodes;
      try {
        nodes = port.clusterStatus(manager).managers().size();
      } catch (ManagerCallException e) {
        nodes = 0;
      }
      RestoreGate.Verdict verdict =
          RestoreGate.judge(preview, new RestoreGate.Target(version, flags, now, nodes));
      return new Ready(new View(preview, archive, version, now, problem, verdict, clock.instant()));
    } catch (ArchiveRefusedException e) {
      return new Unavailable("the archive is refused: " + safe(e.getMessage()));
    } catch (ManagerCallException e) {
      return new Unavailable("the manager did not answer: " + safe(e.getMessage()));
    } catch (RuntimeException e) {
      log.warn("Preview of {} on {} failed", snapshotId, manager, e);
      return new Unavailable("the preview failed: " + safe(e.toString()));
    }
  }

  private static String safe(String s) {
    return Truncate.oneLine(Redactor.forDisplay(s == null ? "" : s), 300);
  }
}
