package io.inkstream.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/** Revision 1 of {@link Greeted} becomes revision 2 with the greeting everyone used then. */
class GreetedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType FROM = new SimpleSerializedType(Greeted.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(FROM);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(Greeted.class.getName(), "2"), JsonNode.class,
                node -> ((ObjectNode) node).put("greeting", "hello"));
    }
}
