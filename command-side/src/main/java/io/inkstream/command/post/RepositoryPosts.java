package io.inkstream.command.post;

import io.inkstream.api.post.PostId;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Loads the post from its events; a reply's checks read it, they never write it. */
@Component
class RepositoryPosts implements Posts {

    private final Repository<Post> posts;

    RepositoryPosts(Repository<Post> postRepository) {
        this.posts = postRepository;
    }

    @Override
    public Optional<PostStatus> find(PostId postId) {
        try {
            return Optional.of(posts.load(postId.value()).invoke(Post::status));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
