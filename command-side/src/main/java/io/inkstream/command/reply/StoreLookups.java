package io.inkstream.command.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.reply.ChangeModerationRulesCommand;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.ReplyAdded;
import io.inkstream.command.post.Post;
import io.inkstream.command.reply.Reply.Lookups;
import io.inkstream.eventstore.EventLog;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Answers from the event store. A reply's own questions read its first event: no aggregate load,
 * no snapshot read. Its post's status is read by loading the post, and every reply asks, so it
 * is remembered with the version it was read at and the store's change count then (events of
 * posts and of the site's rules are counted). While that count stays and the post takes
 * replies, the status is trusted as it is, and the reply's events are stored only if the post
 * still has no event after that version when they are numbered (the event store checks the
 * count in the same update): no lookup. Otherwise (the count moved, or the answer would refuse
 * the reply, which stores nothing to check) an ask looks for an event after that version (one
 * lookup of one key, shared by the replies asking at the same moment) before trusting it. Either
 * way, a post closed or reopened by any process is seen so by the next reply.
 */
@Component
class StoreLookups implements Lookups {

    private static final String POST = Post.class.getSimpleName();
    private static final String RULES = SiteRules.class.getSimpleName();

    /** What was read, at which version and change count: no status while the post is not public. */
    private record Known(Optional<PostStatus> status, long version, long changes) {

        Known at(long now) {
            return new Known(status, version, now);
        }
    }

    /** The site's rules as last read, at which version (0: none were ever set) and change count. */
    private record KnownRules(ModerationRules rules, long version, long changes) {
    }

    /** The aggregates whose changes the reads here are held to: the same in every process. */
    @Bean
    static EventLog.Watched watchedByReplies() {
        return new EventLog.Watched(Set.of(POST, RULES));
    }

    private final Repository<Post> posts;
    private final Repository<SiteRules> siteRules;
    private volatile KnownRules rules;
    private final EventStore events;
    private final EventLog log;
    private final Cache<PostId, Known> known = Caffeine.newBuilder().maximumSize(10_000).build();
    private final SharedLookups<Boolean> changes = new SharedLookups<>();

    StoreLookups(Repository<Post> posts, Repository<SiteRules> siteRules, EventStore events, EventLog log) {
        this.posts = posts;
        this.siteRules = siteRules;
        this.events = events;
        this.log = log;
    }

    @Override
    public Optional<PostStatus> post(PostId postId) {
        // Read before the post: a change counted after it is caught when the reply is stored.
        OptionalLong seen = log.changesSeen();
        Known last = known.getIfPresent(postId);
        // Trusted unlooked only where a reply may be stored: the store then checks it; a refusal
        // stores nothing, so a post reopened elsewhere must be looked at before one.
        if (last != null && counted(seen, last.changes()) && takesReplies(last)) {
            hold(POST, postId.value(), last.version(), seen);
            return last.status();
        }
        if (last != null && !changes.get(postId.value() + "/" + last.version(),
                () -> log.contains(postId.value(), last.version()))) {
            Known now = seen.isPresent() ? last.at(seen.getAsLong()) : last;
            known.put(postId, now);
            hold(POST, postId.value(), now.version(), seen);
            return now.status();
        }
        try {
            Known now = posts.load(postId.value()).invoke(post -> new Known(post.isPublic()
                    ? Optional.of(new PostStatus(post.authorId(), post.repliesOpen(), post.unpublished(), post.moderation()))
                    : Optional.empty(), post.version(), seen.orElse(-1)));
            known.put(postId, now);
            hold(POST, postId.value(), now.version(), seen);
            return now.status();
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Read as the post's status is. */
    @Override
    public ModerationRules rules() {
        OptionalLong seen = log.changesSeen();
        KnownRules last = rules;
        String site = ChangeModerationRulesCommand.SITE;
        if (last != null && counted(seen, last.changes())) {
            hold(RULES, site, last.version(), seen);
            return last.rules();
        }
        if (last != null && !changes.get(site + "/" + last.version(), () -> log.contains(site, last.version()))) {
            rules = seen.isPresent() ? new KnownRules(last.rules(), last.version(), seen.getAsLong()) : last;
            hold(RULES, site, last.version(), seen);
            return last.rules();
        }
        KnownRules now;
        try {
            now = siteRules.load(site).invoke(r -> new KnownRules(r.rules(), r.version(), seen.orElse(-1)));
        } catch (AggregateNotFoundException e) {
            now = new KnownRules(ModerationRules.NONE, 0, seen.orElse(-1));
        }
        rules = now;
        hold(RULES, site, now.version(), seen);
        return now.rules();
    }

    private static boolean takesReplies(Known known) {
        return known.status().map(s -> s.repliesOpen() && !s.unpublished()).orElse(false);
    }

    /** Whether nothing watched was stored since {@code changes}, by the store's count (none: unknown). */
    private static boolean counted(OptionalLong seen, long changes) {
        return seen.isPresent() && seen.getAsLong() == changes;
    }

    /** The reply's events are stored only if nothing was stored at {@code version} by then. */
    private void hold(String type, String id, long version, OptionalLong seen) {
        if (seen.isPresent()) {
            log.expectUnchanged(type, id, version, seen.getAsLong());
        }
    }

    @Override
    public boolean exists(ReplyId replyId) {
        return log.contains(replyId.value(), 0);
    }

    @Override
    public Optional<PostId> postOf(ReplyId replyId) {
        return added(replyId).map(ReplyAdded::postId);
    }

    @Override
    public Optional<ReplyAdded> added(ReplyId replyId) {
        DomainEventStream stream = events.readEvents(replyId.value(), 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof ReplyAdded added) {
            return Optional.of(added);
        }
        return Optional.empty();
    }

    /**
     * Lookups of one key, shared by the callers that ask at the same time: at most one runs per
     * key at once, and the callers that arrive meanwhile share the next one. Each caller's answer
     * thus comes from a lookup that started after it asked, as if it had looked itself. A post
     * that takes many replies at the same moment is checked once per round, not once per reply.
     */
    static final class SharedLookups<T> {

        private static final int STRIPES = 64;

        private static final class Round<T> {
            final CompletableFuture<T> answer = new CompletableFuture<>();
        }

        private final ConcurrentHashMap<String, Round<T>> waiting = new ConcurrentHashMap<>();
        private final ReentrantLock[] running = new ReentrantLock[STRIPES];

        SharedLookups() {
            for (int i = 0; i < STRIPES; i++) {
                running[i] = new ReentrantLock();
            }
        }

        T get(String key, Supplier<T> lookup) {
            Round<T> round = waiting.computeIfAbsent(key, k -> new Round<>());
            ReentrantLock lock = running[Math.floorMod(key.hashCode(), STRIPES)];
            lock.lock();
            try {
                if (!round.answer.isDone()) {
                    // First of this round to get here: close the round, so later callers start the
                    // next one, and look up for everyone in it.
                    waiting.remove(key, round);
                    try {
                        round.answer.complete(lookup.get());
                    } catch (RuntimeException e) {
                        round.answer.completeExceptionally(e);
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                return round.answer.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }
}
