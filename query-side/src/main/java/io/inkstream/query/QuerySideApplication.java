package io.inkstream.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The query side alone, against the MongoDB that {@code MONGODB_URI} names. */
@SpringBootApplication(scanBasePackages = {"io.inkstream.query", "io.inkstream.platform"})
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
