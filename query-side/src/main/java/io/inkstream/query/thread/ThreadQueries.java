package io.inkstream.query.thread;

import io.inkstream.api.reply.FetchThreadQuery;
import io.inkstream.api.reply.ThreadView;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

@Component
class ThreadQueries {

    private final ThreadViews views;

    ThreadQueries(ThreadViews views) {
        this.views = views;
    }

    @QueryHandler
    CompletableFuture<ThreadView> handle(FetchThreadQuery query) {
        return views.page(query.postId(), query.cursor(), query.limit()).toFuture();
    }
}
