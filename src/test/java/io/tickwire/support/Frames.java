package io.tickwire.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/** Server frames as the messages they carry, with {@code batch} frames unpacked in order. */
public final class Frames {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Frames() {
    }

    public static List<JsonNode> messages(Iterable<String> frames) {
        List<JsonNode> messages = new ArrayList<>();
        for (String frame : frames) {
            JsonNode node = JSON.readTree(frame);
            if ("batch".equals(node.path("type").stringValue())) {
                node.path("items").forEach(messages::add);
            } else {
                messages.add(node);
            }
        }
        return messages;
    }
}
