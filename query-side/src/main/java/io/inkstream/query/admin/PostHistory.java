package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.inkstream.api.PostId;
import io.inkstream.api.Refusal;
import io.inkstream.api.Versions;
import io.inkstream.api.post.DraftRevised;
import io.inkstream.api.post.PostDrafted;
import io.inkstream.api.post.PostEdited;
import io.inkstream.api.post.PostPublished;
import io.inkstream.platform.axon.Metadata;
import io.inkstream.platform.privacy.Vault;
import io.inkstream.platform.web.Uuids;
import io.inkstream.query.Generation;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModelIndexes;
import io.inkstream.query.ReadModels;
import io.inkstream.query.author.AuthorProjection;
import io.inkstream.query.post.PostProjection;
import io.inkstream.query.post.PostViews;
import io.inkstream.query.thread.ThreadProjection;
import io.inkstream.query.thread.ThreadViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;


/**
 * A post's history, and the post as it stood at a past moment. The past page is built from the
 * events alone, by the live projections' own handlers writing into scratch collections that
 * are dropped afterwards, so time travel cannot disagree with the read models' rules.
 */
@Component
public class PostHistory {

    private final EventStore events;
    private final MongoDatabase database;
    private final Generations generations;
    private final ObjectMapper json;
    private final Vault vault;

    public PostHistory(EventStore events, MongoDatabase reactiveMongoDatabase, Generations generations,
            ObjectMapper json, Vault vault) {
        this.vault = vault;
        this.events = events;
        this.database = reactiveMongoDatabase;
        this.generations = generations;
        this.json = json;
    }

    public Mono<List<HistoryLine>> history(String postId) {
        return Mono.fromCallable(() -> {
            List<HistoryLine> history = new ArrayList<>();
            String title = null;
            for (DomainEventMessage<?> event : stream(postId)) {
                if (event.getPayload() instanceof PostPublished p) {
                    title = p.title();
                } else if (event.getPayload() instanceof PostEdited e) {
                    title = e.title();
                } else if (event.getPayload() instanceof PostDrafted d) {
                    title = d.title();
                } else if (event.getPayload() instanceof DraftRevised r) {
                    title = r.title();
                }
                history.add(new HistoryLine(Versions.after(event.getSequenceNumber()), event.getPayloadType().getSimpleName(),
                        event.getTimestamp(), (String) event.getMetaData().get(Metadata.PRINCIPAL), title));
            }
            if (history.isEmpty()) {
                throw Refusal.NotFound.of("post", postId);
            }
            return history;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The post page as it stood at {@code asOf}, or at {@code version}; with {@code replies},
     * its thread too, under {@code thread}.
     */
    public Mono<ObjectNode> asItStood(String postId, Instant asOf, Long version, boolean replies) {
        return Mono.fromCallable(() -> rebuild(postId, asOf, version, replies)).subscribeOn(Schedulers.boundedElastic());
    }

    private ObjectNode rebuild(String postId, Instant asOf, Long version, boolean withReplies) throws Exception {
        List<DomainEventMessage<?>> all = stream(postId);
        if (version != null && (all.isEmpty() || Versions.after(all.get(all.size() - 1).getSequenceNumber()) < version)) {
            throw new Refusal.NotFound("not-found", "post", postId, "The post never had version " + version + ".");
        }
        List<DomainEventMessage<?>> post = all.stream()
                .filter(e -> version == null || Versions.after(e.getSequenceNumber()) <= version)
                .filter(e -> asOf == null || !e.getTimestamp().isAfter(asOf))
                .toList();
        // A post written as a draft first stood, as readers saw it, only from its PostPublished on.
        PostPublished published = post.stream().map(DomainEventMessage::getPayload)
                .filter(PostPublished.class::isInstance).map(PostPublished.class::cast).findFirst()
                .orElseThrow(() -> new Refusal.NotFound("not-found", "post", postId, "No such post at that point."));
        Instant cutoff = asOf != null ? asOf : post.get(post.size() - 1).getTimestamp();
        Predicate<DomainEventMessage<?>> then = e -> !e.getTimestamp().isAfter(cutoff);
        String scratch = "scratch_" + Uuids.random().replace("-", "") + "_";
        Generation target = name -> database.getCollection(scratch + name);
        try {
            ReadModelIndexes.create(target);
            apply(AuthorProjection.into(target), stream(published.authorId().value()).stream().filter(then).toList());
            apply(PostProjection.into(target), post);
            List<DomainEventMessage<?>> replyEvents = new ArrayList<>();
            for (String replyId : replyIds(postId)) {
                stream(replyId).stream().filter(then).forEach(replyEvents::add);
            }
            replyEvents.sort(Comparator.comparing(DomainEventMessage::getTimestamp));
            apply(ThreadProjection.into(target, vault), replyEvents);
            ObjectNode page = json.valueToTree(new PostViews(target).page(postId).block(ReadModels.WRITE_TIMEOUT));
            if (withReplies) {
                page.set("thread", json.valueToTree(new ThreadViews(target).thread(new PostId(postId)).block(ReadModels.WRITE_TIMEOUT)));
            }
            return page;
        } finally {
            ReadModels.drop(database, target,
                    Generations.READ_MODELS.values().stream().flatMap(List::stream).toList());
        }
    }

    private static void apply(Object projection, List<DomainEventMessage<?>> history) throws Exception {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (DomainEventMessage<?> event : history) {
            handlers.handle(event);
        }
    }

    /** Every reply the post ever had, removed ones included, from the live thread read model. */
    private List<String> replyIds(String postId) {
        return new ThreadViews(generations.reading()).replyIds(new PostId(postId)).block(ReadModels.WRITE_TIMEOUT);
    }

    private List<DomainEventMessage<?>> stream(String aggregateId) {
        return events.readEvents(aggregateId, 0).asStream().<DomainEventMessage<?>>map(e -> e).toList();
    }

}
