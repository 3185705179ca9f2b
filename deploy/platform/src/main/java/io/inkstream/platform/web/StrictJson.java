package io.inkstream.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.stereotype.Component;

/**
 * Request bodies are read as their types say, with no guessing: a number or a boolean where a
 * string is expected, or a string where a boolean or a number is, is refused (400) rather than
 * converted ({@code "repliesOpen": "false"} would otherwise close nothing, or close the
 * replies, depending on the converter). Only HTTP bodies: events keep the application's mapper.
 */
@Component
public class StrictJson implements CodecCustomizer {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper json) {
        this.strict = json.copy();
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    @Override
    public void customize(org.springframework.http.codec.CodecConfigurer configurer) {
        configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }
}
