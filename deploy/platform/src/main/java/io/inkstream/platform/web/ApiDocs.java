package io.inkstream.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says of itself: the service and the build's version, and the two
 * ways to be someone (HTTP Basic, a bearer token from {@code POST /auth/token}); reads need
 * neither, so each is offered beside none.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI inkstreamApi(@Value("${spring.application.name:inkstream}") String name,
            @Value("${spring.application.version:development}") String version) {
        return new OpenAPI()
                .info(new Info().title("Inkstream (" + name + ")").version(version)
                        .description("An event-sourced blogging backend: commands, read models, streams and replay.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("An author's login and password, or admin's"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A token from POST /auth/token, good for an hour")))
                .addSecurityItem(new SecurityRequirement())
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
