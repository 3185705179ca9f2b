package io.inkstream.platform.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * What a connection may hold the server to. One that sends nothing between requests is closed
 * after {@code inkstream.http.idle-timeout}; one whose request headers are not all there within
 * {@code inkstream.http.header-timeout} of the connection or of its last answer is closed too,
 * however slowly it drips them (the idle timeout alone restarts with every byte). A request the
 * HTTP decoder refuses (line or headers too long, malformed) gets a problem+json answer like any
 * other refusal, where the server answered with an empty body.
 */
@Component
public class ConnectionLimits implements NettyServerCustomizer {

    private final Duration idle;
    private final Duration headers;

    public ConnectionLimits(@Value("${inkstream.http.idle-timeout:60s}") Duration idle,
            @Value("${inkstream.http.header-timeout:10s}") Duration headers) {
        this.idle = idle;
        this.headers = headers;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.idleTimeout(idle).doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, "inkstream.decodingFailures", new DecodingFailures());
                pipeline.addAfter(NettyPipeline.HttpCodec, "inkstream.headerDeadline", new HeaderDeadline(headers));
            }
        });
    }

    /** Closes a connection whose next request's headers are not all there in time. */
    static final class HeaderDeadline extends ChannelDuplexHandler {

        private final long nanos;
        private ScheduledFuture<?> deadline;

        HeaderDeadline(Duration within) {
            this.nanos = within.toNanos();
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, nanos, TimeUnit.NANOSECONDS);
        }

        private void disarm() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                disarm();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent || msg instanceof FullHttpResponse) {
                // The answer is out: the next request of this connection has its own time.
                promise.addListener(done -> arm(ctx));
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    /** Answers a request the decoder refused with problem+json, and closes the connection. */
    static final class DecodingFailures extends ChannelDuplexHandler {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused && msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                refused = true;
                Throwable cause = http.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                        : HttpResponseStatus.BAD_REQUEST;
                String body = "{\"type\":\"urn:inkstream:problem:malformed-request\",\"title\":\""
                        + status.reasonPhrase() + "\",\"status\":" + status.code()
                        + ",\"detail\":\"The request could not be read as HTTP: its line or headers are too long or malformed.\"}";
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
