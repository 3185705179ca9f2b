package io.inkstream.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The command side alone, against the MongoDB that {@code MONGODB_URI} names. */
@SpringBootApplication(scanBasePackages = {"io.inkstream.command", "io.inkstream.platform"})
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
