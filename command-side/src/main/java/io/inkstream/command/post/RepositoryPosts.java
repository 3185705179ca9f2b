package io.inkstream.command.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkstream.api.PostId;
import io.inkstream.command.EventLookup;
import io.inkstream.command.SharedLookups;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Loads the post from its events; a reply's checks read it, they never write it. Every reply
 * asks, so the status is remembered with the version it was read at, and a later ask only
 * looks for an event after that version (one lookup of one key, usually finding none, shared by
 * the replies asking at the same moment) before trusting it: a post closed by any process is
 * seen closed by the next reply.
 */
@Component
class RepositoryPosts implements Posts {

    private record Known(PostStatus status, long version) {
    }

    private final Repository<Post> posts;
    private final EventLookup events;
    private final Cache<PostId, Known> known = Caffeine.newBuilder().maximumSize(10_000).build();
    private final SharedLookups<Boolean> changes = new SharedLookups<>();

    RepositoryPosts(Repository<Post> postRepository, EventLookup events) {
        this.posts = postRepository;
        this.events = events;
    }

    @Override
    public Optional<PostStatus> find(PostId postId) {
        Known last = known.getIfPresent(postId);
        if (last != null && !changes.get(postId.value() + "/" + last.version(),
                () -> events.has(postId.value(), last.version()))) {
            return Optional.of(last.status());
        }
        try {
            Known now = posts.load(postId.value()).invoke(post -> new Known(post.status(), post.version()));
            known.put(postId, now);
            return Optional.of(now.status());
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
