package io.inkstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void theNextPageKeepsTheQueryAndSetsTheCursor() {
        assertThat(Paging.nextPage(URI.create("http://localhost:8080/posts?tag=social%20learning&limit=3&cursor=old"), "n+x/y="))
                .isEqualTo("/posts?tag=social%20learning&limit=3&cursor=n%2Bx%2Fy%3D");
        assertThat(Paging.nextPage(URI.create("/posts/p-1/replies"), "c1")).isEqualTo("/posts/p-1/replies?cursor=c1");
    }

    @Test
    void whateverAClientSentComesBackWellFormed() {
        URI hostile = URI.create("/posts?author%5B$ne%5D=x%3Cy%3E&limit=2");
        assertThat(Paging.nextPage(hostile, "c")).isEqualTo("/posts?author%5B%24ne%5D=x%3Cy%3E&limit=2&cursor=c")
                .doesNotContain("<", ">", "[");
    }
}
