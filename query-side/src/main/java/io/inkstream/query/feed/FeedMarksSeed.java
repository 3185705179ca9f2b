package io.inkstream.query.feed;

import static com.mongodb.client.model.Filters.ne;

import com.mongodb.client.model.Projections;
import io.inkstream.query.FeedMarks;
import io.inkstream.query.Generations;
import io.inkstream.query.ReadModels;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Posts stored before feeds had marks get them, once, at startup, before any projection runs:
 * the site's, each author's, each tag's and each post's replies' feed is marked as changed, so
 * its first request builds it and later ones find it kept. Skipped once the site has a mark.
 */
@Component
@DependsOn("tagKeysUpgrade")
class FeedMarksSeed {

    private static final Logger log = LoggerFactory.getLogger(FeedMarksSeed.class);
    /** Marks raised per round trip. */
    static final int BATCH = 1_000;

    FeedMarksSeed(Generations generations, FeedMarks marks) {
        Map<String, FeedMarks.Mark> site = marks.of(List.of(FeedMarks.SITE)).block(ReadModels.WRITE_TIMEOUT);
        if (site != null && !site.isEmpty()) {
            return;
        }
        // Gathered first, written after: a projection's blocking write has no place in the read's callbacks.
        Set<String> feeds = new LinkedHashSet<>();
        long posts = Flux.from(generations.reading().get(ReadModels.POSTS).find(ne("unpublished", true))
                        .projection(Projections.include("authorId", "tagKeys")))
                .doOnNext(post -> {
                    feeds.add(FeedMarks.replies(post.getString("_id")));
                    feeds.add(FeedMarks.author(post.getString("authorId")));
                    post.getList("tagKeys", String.class, List.of()).forEach(key -> feeds.add(FeedMarks.tag(key)));
                })
                .count().block(Duration.ofMinutes(10));
        if (posts == 0) {
            return;
        }
        List<String> all = List.copyOf(feeds);
        for (int from = 0; from < all.size(); from += BATCH) {
            marks.raise(all.subList(from, Math.min(all.size(), from + BATCH))).block(ReadModels.WRITE_TIMEOUT);
        }
        // The site's mark last: if this start is cut short, the next one seeds again.
        marks.raise(List.of(FeedMarks.SITE)).block(ReadModels.WRITE_TIMEOUT);
        log.info("Marked the feeds of {} posts stored before feeds had marks", posts);
    }
}
