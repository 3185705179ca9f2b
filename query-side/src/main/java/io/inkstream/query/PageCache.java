package io.inkstream.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkstream.platform.web.ContentTags;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Public answers kept as the bytes they were sent as: a post page or a thread page is read
 * much more often than it changes, and made afresh it costs up to six round trips (the post,
 * its author, its thread's count and pages, the replies, their authors' names) and its JSON.
 *
 * <p>An answer is kept with the stamp it was read under, and served only while the stamp stands.
 * The stamp moves when any read model changes here: once a tracking batch of this instance's
 * projections has stored its writes, once the live feeds have seen another instance's change
 * shown (they follow every event), and when readers switch to a replay's generation. A stamp
 * is taken before an answer is read, so an answer read across a change is never kept as
 * current. One stamp for all answers, not one per post: changes are rare beside reads, and no
 * write needs to know which answers it touches. Nothing is kept longer than
 * {@code inkstream.page-cache.lifetime} (5 s), which bounds how late a change the live feeds did
 * not wait for (an author's new name, projected in another instance) is seen.
 */
@Component
public class PageCache {

    /**
     * An answer as it was sent: its body and its ETag (a hash of the body), the post's version,
     * the post's author (who moderates it), and the cursor of the next page, if any.
     */
    public record Page(Stamp stamp, byte[] body, String etag, long version, String authorId, String next) {
    }

    /** What had happened when an answer was read: changes stored, and generation switches. */
    public record Stamp(long changes, long switches) {
    }

    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong authorChanges = new AtomicLong();
    private final Generations generations;
    private final ObjectMapper json;
    private final Cache<String, Page> pages;

    PageCache(Generations generations, ObjectMapper json,
            @Value("${inkstream.page-cache.size:32MB}") DataSize size,
            @Value("${inkstream.page-cache.lifetime:5s}") Duration lifetime) {
        this.generations = generations;
        this.json = json;
        this.pages = Caffeine.newBuilder().maximumWeight(size.toBytes())
                .weigher((String key, Page page) -> 64 + 2 * key.length() + page.body().length)
                .expireAfterWrite(lifetime).build();
    }

    /** Every read model's processor, and the live feeds', moves the stamp once its batch is stored. */
    @Bean
    static ConfigurerModule pageCacheStamps(PageCache cache) {
        return configurer -> configurer.eventProcessing(processing -> {
            Generations.READ_MODELS.keySet().forEach(group -> processing.registerHandlerInterceptor(group,
                    c -> cache.stamping(group.equals(ReadModels.AUTHOR_GROUP))));
            processing.registerHandlerInterceptor(ReadModels.LIVE_GROUP, c -> cache.stamping(false));
        });
    }

    /**
     * Moves the stamp after each batch commits. Names are kept apart from pages too (thread
     * views), each with the count of author changes it was read at: an author's change is counted
     * before the stamp moves, so that no page read under the new stamp is made from a name read
     * before it.
     */
    private MessageHandlerInterceptor<EventMessage<?>> stamping(boolean authors) {
        return (unitOfWork, chain) -> {
            unitOfWork.afterCommit(u -> {
                if (authors) {
                    authorChanges.incrementAndGet();
                }
                changed();
            });
            return chain.proceed();
        };
    }

    /** Something a page shows may have changed. */
    public void changed() {
        changes.incrementAndGet();
    }

    /** How many times an author's change was stored here. */
    public long authorChanges() {
        return authorChanges.get();
    }

    /** The stamp to read an answer under: take it before reading. */
    public Stamp stamp() {
        return new Stamp(changes.get(), generations.switches());
    }

    /** The answer kept under {@code key}, if nothing changed since it was read. */
    public Page get(String key) {
        Page page = pages.getIfPresent(key);
        return page != null && page.stamp().equals(stamp()) ? page : null;
    }

    /** Keeps {@code answer} as read under {@code stamp}, and answers it as it is sent. */
    public Page put(String key, Stamp stamp, Object answer, long version, String authorId) {
        return put(key, stamp, answer, version, authorId, null);
    }

    /** The same for a page of a list, with the cursor of its next page. */
    public Page put(String key, Stamp stamp, Object answer, long version, String authorId, String next) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer that cannot be written as JSON: " + answer.getClass(), e);
        }
        Page page = new Page(stamp, body, ContentTags.of(body), version, authorId, next);
        if (stamp.equals(stamp())) {
            pages.put(key, page);
        }
        return page;
    }

    /** The bytes kept now, as weighed. */
    long keptBytes() {
        return pages.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    void cleanUp() {
        pages.cleanUp();
    }
}
