package app.oo.query.rebuild;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.projection.ProjectionStatus;
import app.oo.domain.projection.ProjectionsView;
import app.oo.domain.projection.RebuildView;
import app.oo.query.platform.ErasedPersons;
import app.oo.query.platform.ErasureGuard;
import app.oo.query.platform.PerPersonSequencing;
import app.oo.query.platform.ProjectionDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Rebuilds projections (docs/adr/0007-projection-rebuilds-into-fresh-tables.md,
 * docs/adr/0017-rebuilds-read-the-store-directly.md).
 *
 * <p>A rebuild never touches the live processor until the very end. It creates fresh tables (or a
 * snapshot schema) without their secondary indexes and makes a second instance of the projection
 * that writes there. {@link BulkReplay} feeds that instance the store's history up to the head of
 * one consistent read, in parallel and in large batches, behind the same erasure guard as the live
 * processors (and, for a snapshot, the as-of bound); then the indexes are built. Then:
 * <ul>
 * <li>a snapshot is complete;</li>
 * <li>a swap hands the bulk's token to a processor of its own ({@code <name>.rebuild}), which
 * carries the fresh tables up to the store's head while the live processor keeps its views fresh;
 * then both processors stop and one transaction replaces the live tables by the fresh ones and
 * hands the rebuild's position to the live processor, which resumes from it. Handlers are
 * idempotent, so events both have seen are harmless.</li>
 * </ul>
 * Rebuilds are coordinated by the node they start on; the live processor's tokens must not be
 * held by another node when the swap comes (as for Axon's own {@code resetTokens}).
 */
@Service
public class ProjectionRebuilds implements DisposableBean {

    static final String SHADOW_SUFFIX = ".rebuild";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final Map<String, ProjectionDefinition> definitions = new LinkedHashMap<>();
    private final ViewTables tables;
    private final EventStoreFacts store;
    private final ErasedPersons erased;
    private final ErasureGuard guard;
    private final RebuildProperties props;
    private final Clock clock;
    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<TokenStore> tokenStore;
    private final ObjectProvider<TransactionManager> transactions;
    private final ObjectProvider<ConnectionProvider> connections;
    private final ObjectProvider<PersistenceExceptionResolver> exceptionResolver;
    private final ObjectProvider<DataSource> dataSource;
    private final ExecutorService executor = Executors.newCachedThreadPool(new AxonThreadFactory("projection-rebuild"));
    private final Map<UUID, RebuildRun> runs = new ConcurrentHashMap<>();
    private final Map<String, RebuildRun> active = new ConcurrentHashMap<>();
    private final Map<String, RebuildRun> latest = new ConcurrentHashMap<>();

    public ProjectionRebuilds(List<ProjectionDefinition> definitions, DSLContext db, ErasedPersons erased,
                              ErasureGuard guard, RebuildProperties props, Clock clock,
                              ObjectProvider<Configuration> axon, ObjectProvider<TokenStore> tokenStore,
                              ObjectProvider<TransactionManager> transactions,
                              ObjectProvider<ConnectionProvider> connections,
                              ObjectProvider<PersistenceExceptionResolver> exceptionResolver,
                              ObjectProvider<DataSource> dataSource) {
        definitions.forEach(d -> this.definitions.put(d.name(), d));
        this.tables = new ViewTables(db);
        this.store = new EventStoreFacts(db);
        this.erased = erased;
        this.guard = guard;
        this.props = props;
        this.clock = clock;
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.connections = connections;
        this.exceptionResolver = exceptionResolver;
        this.dataSource = dataSource;
    }

    public List<String> projections() {
        return List.copyOf(definitions.keySet());
    }

    /**
     * Starts a rebuild and returns at once; progress through {@link #find}.
     *
     * @param asOf     leave out events after this instant (needs a snapshot)
     * @param snapshot write into this schema and keep the live tables; null: swap the rebuilt tables in
     * @param verify   before the swap, count how the rebuilt tables differ from the live ones
     */
    public RebuildView start(String projection, Instant asOf, String snapshot, boolean verify) {
        ProjectionDefinition definition = definitions.get(projection);
        if (definition == null) {
            throw new RebuildRefusedException(RebuildRefusedException.Reason.UNKNOWN_PROJECTION, "name",
                    "no projection '" + projection + "'; known: " + definitions.keySet());
        }
        Instant now = clock.instant();
        validate(definition, asOf, snapshot, verify, now);
        RebuildRun run = new RebuildRun(projection, asOf, snapshot, verify, now);
        if (active.putIfAbsent(projection, run) != null) {
            throw new RebuildRefusedException(RebuildRefusedException.Reason.ALREADY_RUNNING, "name",
                    "projection '" + projection + "' is being rebuilt (" + active.get(projection).id() + ")");
        }
        runs.put(run.id(), run);
        latest.put(projection, run);
        executor.execute(() -> execute(definition, run));
        return run.view(now);
    }

    private void validate(ProjectionDefinition definition, Instant asOf, String snapshot, boolean verify,
                          Instant now) {
        if (asOf != null && snapshot == null) {
            throw invalid("asOf", "an as-of rebuild is written to a snapshot schema: name one");
        }
        if (asOf != null && asOf.isAfter(now)) {
            throw invalid("asOf", "must not be in the future, was " + asOf);
        }
        if (snapshot != null) {
            if (!ViewTables.SCHEMA_NAME.matcher(snapshot).matches() || ViewTables.isReservedSchema(snapshot)) {
                throw invalid("snapshot", "a new schema name: lower-case letters, digits and '_', not starting with"
                        + " a digit, at most 63 characters, not public, pg_* or information_schema; was '"
                        + snapshot + "'");
            }
            if (verify) {
                throw invalid("verify", "compares rebuilt tables with the live ones before a swap; a snapshot"
                        + " replaces nothing");
            }
            for (String table : definition.tableNames()) {
                if (tables.exists(snapshot, table)) {
                    throw invalid("snapshot", "schema '" + snapshot + "' already holds " + table
                            + "; choose a new name or drop it");
                }
            }
        }
    }

    private static RebuildRefusedException invalid(String field, String message) {
        return new RebuildRefusedException(RebuildRefusedException.Reason.INVALID, field, message);
    }

    /** The rebuild, or null when none with that id was started since this node started. */
    public RebuildView find(UUID rebuildId) {
        RebuildRun run = runs.get(rebuildId);
        return run == null ? null : run.view(clock.instant());
    }

    /** Stops a rebuild before its swap; the live tables are untouched and the fresh ones dropped. */
    public RebuildView cancel(UUID rebuildId) {
        RebuildRun run = runs.get(rebuildId);
        if (run == null) {
            throw new RebuildRefusedException(RebuildRefusedException.Reason.UNKNOWN_REBUILD, "rebuildId",
                    "no rebuild " + rebuildId);
        }
        run.requestCancel();
        return run.view(clock.instant());
    }

    /** Position, lag and status of one projection, or of all of them when {@code only} is null. */
    public ProjectionsView status(String only) {
        Configuration config = axon.getObject();
        long head = store.head();
        long tail = store.tail();
        Instant now = clock.instant();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (ProjectionDefinition definition : definitions.values()) {
            if (only == null || only.equals(definition.name())) {
                statuses.add(statusOf(definition, config, head, tail, now));
            }
        }
        return new ProjectionsView(head, statuses);
    }

    private ProjectionStatus statusOf(ProjectionDefinition definition, Configuration config, long head, long tail,
                                      Instant now) {
        Optional<TrackingEventProcessor> processor = config.eventProcessingConfiguration()
                .eventProcessor(definition.name(), TrackingEventProcessor.class);
        String status = "not-on-this-node";
        boolean replaying = false;
        String error = null;
        if (processor.isPresent()) {
            TrackingEventProcessor p = processor.get();
            Map<Integer, EventTrackerStatus> segments = p.processingStatus();
            replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            error = segments.values().stream().filter(EventTrackerStatus::isErrorState)
                    .map(s -> describe(s.getError())).findFirst().orElse(null);
            status = !p.isRunning() ? "stopped" : p.isError() || error != null ? "error" : "running";
        }
        OptionalLong position = store.committedPosition(definition.name(), config.serializer());
        long from = position.orElse(tail);
        long lagEvents = Math.max(0, head - from);
        double lagSeconds = lagEvents == 0 ? 0 : store.ageOfNextEvent(from, now).toMillis() / 1000.0;
        RebuildRun rebuild = latest.get(definition.name());
        return new ProjectionStatus(definition.name(), definition.tableNames(), status, replaying,
                position.isPresent() ? position.getAsLong() : null, lagEvents, lagSeconds,
                store.segments(definition.name()), error, rebuild == null ? null : rebuild.view(now));
    }

    private void execute(ProjectionDefinition definition, RebuildRun run) {
        String shadowName = definition.name() + SHADOW_SUFFIX;
        TrackingEventProcessor shadow = null;
        EmbeddedEventStore source = null;
        boolean tablesCreated = false;
        try {
            Configuration config = axon.getObject();
            store.deleteTokens(shadowName);
            DSLContext target;
            String schema;
            if (run.isSnapshot()) {
                tables.createSnapshot(definition, run.snapshot());
                target = tables.forSnapshot(run.snapshot());
                schema = run.snapshot();
            } else {
                tables.createFresh(definition);
                target = tables.forFreshTables(definition);
                schema = tables.liveSchema();
            }
            tablesCreated = true;
            List<String> rebuilt = ViewTables.rebuiltNames(definition, run.isSnapshot());
            List<String> deferred = tables.deferIndexes(schema, rebuilt);
            for (PersonErasedEvent erasure : store.erasures(config.eventSerializer())) {
                erased.add(erasure.personId(), erasure.at());
            }
            erased.reload();

            Object projection = definition.shadow().apply(target);
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection,
                    config.parameterResolverFactory(), config.handlerDefinition(projection.getClass()));
            Instant asOf = run.asOf();
            BulkReplay bulk = new BulkReplay(dataSource.getObject(), transactions.getObject(), config.eventSerializer(),
                    config.upcasterChain(), props.workers(), props.batchSize(), props.bulkFetchSize());
            Set<String> types = BulkReplay.handledTypes(projection.getClass());
            log.info("rebuild {} of {}: reading the store directly ({} workers, payload types {}) into {}", run.id(),
                    definition.name(), props.workers(), types == null ? "all" : types,
                    run.isSnapshot() ? "schema " + run.snapshot() : "fresh tables");
            BulkReplay.Result read = bulk.run(definition.name(), handlers, types,
                    message -> guard.admits(message.getPayload())
                            && (asOf == null || !message.getTimestamp().isAfter(asOf)),
                    store.tail(), new BulkReplay.Progress() {
                        @Override
                        public void started(long tail, long head) {
                            run.replaying(tail, head, clock.instant());
                        }

                        @Override
                        public void at(long position) {
                            run.progress(position);
                        }
                    }, run::cancelRequested);
            run.progress(read.head());
            tables.buildIndexes(schema, rebuilt, deferred);
            log.info("rebuild {} of {}: {} rows read up to position {}, indexes built; {}", run.id(),
                    definition.name(), read.rows(), read.head(),
                    run.isSnapshot() ? "the snapshot is complete" : "its processor carries on from there");

            if (!run.isSnapshot()) {
                source = eventSource(config);
                shadow = processor(definition, shadowName, handlers, source);
                long headPosition = Math.max(read.head(), store.head());
                TokenStore tokens = tokenStore.getObject();
                TrackingToken handover = read.handover();
                transactions.getObject().executeInTransaction(
                        () -> tokens.initializeTokenSegments(shadowName, props.segments(), handover));
                run.extend(headPosition);
                shadow.start();
                while (!replayed(shadow, headPosition, run)) {
                    if (run.cancelRequested()) {
                        throw new InterruptedException("cancelled");
                    }
                    Thread.sleep(props.pollInterval().toMillis());
                }
                swap(definition, run, shadow, shadowName, config);
            }
            run.finish(RebuildRun.State.DONE, null, clock.instant());
            RebuildView view = run.view(clock.instant());
            log.info("rebuild {} of {} done: {} positions in {} s ({} events/s)", run.id(), definition.name(),
                    view.eventsTotal(), view.finishedAt().getEpochSecond() - view.startedAt().getEpochSecond(),
                    Math.round(view.eventsPerSecond()));
        } catch (InterruptedException e) {
            cleanUp(definition, run, shadow, shadowName, tablesCreated);
            run.finish(RebuildRun.State.CANCELLED, null, clock.instant());
            log.info("rebuild {} of {} cancelled; the live tables are untouched", run.id(), definition.name());
        } catch (Exception e) {
            log.error("rebuild {} of {} failed; the live tables are untouched", run.id(), definition.name(), e);
            cleanUp(definition, run, shadow, shadowName, tablesCreated);
            run.finish(RebuildRun.State.FAILED, describe(e), clock.instant());
        } finally {
            active.remove(definition.name(), run);
            if (source != null) {
                source.shutDown();
            }
        }
    }

    /** True once every segment has handled the head the store had when the rebuild started. */
    private boolean replayed(TrackingEventProcessor shadow, long headPosition, RebuildRun run) {
        Map<Integer, EventTrackerStatus> segments = shadow.processingStatus();
        for (EventTrackerStatus segment : segments.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("the replay failed: " + describe(segment.getError()),
                        segment.getError());
            }
        }
        if (segments.size() < props.segments()) {
            return false;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            lowest = Math.min(lowest, segment.getCurrentPosition().orElse(0));
        }
        run.progress(lowest);
        return lowest >= headPosition;
    }

    /**
     * Stops both processors; then, in one transaction, compares (when asked), swaps the tables and
     * moves the rebuild's position to the live processor; then restarts the live processor,
     * whatever happened.
     */
    private void swap(ProjectionDefinition definition, RebuildRun run, TrackingEventProcessor shadow,
                      String shadowName, Configuration config) {
        run.swapping();
        TrackingEventProcessor live = config.eventProcessingConfiguration()
                .eventProcessor(definition.name(), TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor '" + definition.name() + "'"));
        TokenStore tokens = tokenStore.getObject();
        live.shutDown();
        try {
            shadow.shutDown();
            transactions.getObject().executeInTransaction(() -> {
                TrackingToken handover = lowestToken(tokens, shadowName);
                if (run.verify()) {
                    OptionalLong livePosition = store.committedPosition(definition.name(), config.serializer());
                    OptionalLong rebuiltPosition = handover == null ? OptionalLong.empty() : handover.position();
                    run.differences(tables.compare(definition, livePosition.equals(rebuiltPosition)));
                }
                tables.swap(definition);
                int[] segments = tokens.fetchSegments(definition.name());
                if (segments.length == 0) {
                    tokens.initializeTokenSegments(definition.name(), 1, handover);
                }
                for (int segment : segments) {
                    tokens.storeToken(handover, definition.name(), segment);
                    tokens.releaseClaim(definition.name(), segment);
                }
                store.deleteTokens(shadowName);
            });
        } finally {
            live.start();
        }
    }

    /** The lowest position over the rebuild's segments, without the replay wrapper. */
    private static TrackingToken lowestToken(TokenStore tokens, String processor) {
        TrackingToken lowest = null;
        boolean first = true;
        for (int segment : tokens.fetchSegments(processor)) {
            TrackingToken token = WrappedToken.unwrapLowerBound(tokens.fetchToken(processor, segment));
            if (first) {
                lowest = token;
                first = false;
            } else {
                lowest = lowest == null || token == null ? null : lowest.lowerBound(token);
            }
        }
        return lowest;
    }

    private void cleanUp(ProjectionDefinition definition, RebuildRun run, TrackingEventProcessor shadow,
                         String shadowName, boolean tablesCreated) {
        try {
            if (shadow != null) {
                shadow.shutDown();
            }
            store.deleteTokens(shadowName);
            if (tablesCreated) {
                if (run.isSnapshot()) {
                    tables.dropSnapshot(definition, run.snapshot());
                } else {
                    tables.dropFresh(definition);
                }
            }
        } catch (RuntimeException e) {
            log.warn("cleaning up after rebuild {} of {} failed: {}", run.id(), definition.name(), e.getMessage());
        }
    }

    /**
     * The processor that carries the fresh tables from where the bulk read stopped up to the swap:
     * the same projection instance, the erasure guard in front, events sequenced per person.
     */
    private TrackingEventProcessor processor(ProjectionDefinition definition, String name,
                                             AnnotationEventHandlerAdapter handlers, EmbeddedEventStore source) {
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .sequencingPolicy(PerPersonSequencing.instance())
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(source)
                .tokenStore(tokenStore.getObject())
                .transactionManager(transactions.getObject())
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forParallelProcessing(props.segments())
                        .andInitialSegmentsCount(props.segments())
                        .andBatchSize(props.batchSize())
                        // short waits for new events: a swap stops this processor, and shutting down waits for them
                        .andEventAvailabilityTimeout(200, TimeUnit.MILLISECONDS)
                        .andThreadFactory(n -> new AxonThreadFactory("rebuild-" + definition.name())))
                .build();
        processor.registerHandlerInterceptor(guard);
        return processor;
    }

    /** The store read with a larger fetch size than the live processors use: a replay reads it end to end. */
    private EmbeddedEventStore eventSource(Configuration config) {
        JdbcEventStorageEngine.Builder engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections.getObject())
                .transactionManager(transactions.getObject())
                .eventSerializer(config.eventSerializer())
                .snapshotSerializer(config.serializer())
                .upcasterChain(config.upcasterChain())
                .batchSize(props.fetchSize());
        PersistenceExceptionResolver resolver = exceptionResolver.getIfAvailable();
        if (resolver != null) {
            engine.persistenceExceptionResolver(resolver);
        }
        return EmbeddedEventStore.builder().storageEngine(engine.build()).optimizeEventConsumption(false).build();
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + " (cause: " + root + ")";
    }

    @Override
    public void destroy() throws InterruptedException {
        runs.values().forEach(RebuildRun::requestCancel);
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
