package io.tickwire.protocol;

import io.tickwire.history.Position;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a text frame into a {@link ClientMessage}, or a {@link ProtocolException} saying what is wrong with it.
 * Unknown fields are ignored so that the protocol can grow.
 */
public final class ClientMessageDecoder {

    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_EPOCH_LENGTH = 64;

    private final JsonMapper mapper;

    public ClientMessageDecoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public ClientMessage decode(String text) {
        JsonNode root = parse(text);
        Object id = id(root.get("id"));
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "type must be a string");
        }
        return switch (type.stringValue()) {
            case "subscribe" -> new ClientMessage.Subscribe(id, symbols(root, id), resume(root.get("resume"), id), maxRate(root.get("maxRate"), id));
            case "unsubscribe" -> new ClientMessage.Unsubscribe(id, symbols(root, id));
            case "ping" -> new ClientMessage.Ping(id, optionalLong(root.get("ts"), id, "ts"));
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, id, "unknown message type");
        };
    }

    private JsonNode parse(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, null, "message exceeds the parser's limits (nesting, number or string length)");
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, null, "expected a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, null, "expected a JSON object");
        }
        return root;
    }

    private static Object id(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString() && node.stringValue().length() <= MAX_ID_LENGTH) {
            return node.stringValue();
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, null, "id must be an integer or a string of at most 64 characters");
    }

    private static List<String> symbols(JsonNode root, Object id) {
        JsonNode node = root.get("symbols");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "symbols must be a non-empty array of strings");
        }
        Set<String> symbols = new LinkedHashSet<>();
        for (JsonNode symbol : node) {
            if (!symbol.isString()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "symbols must be a non-empty array of strings");
            }
            symbols.add(symbol.stringValue());
        }
        return List.copyOf(symbols);
    }

    private static Map<String, Position> resume(JsonNode node, Object id) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "resume must be an object of {epoch, seq} per symbol");
        }
        Map<String, Position> positions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode epoch = entry.getValue().get("epoch");
            JsonNode seq = entry.getValue().get("seq");
            if (epoch == null || !epoch.isString() || epoch.stringValue().length() > MAX_EPOCH_LENGTH
                    || seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "resume." + entry.getKey() + " must be {epoch: string, seq: integer >= 0}");
            }
            positions.put(entry.getKey(), new Position(epoch.stringValue(), seq.longValue()));
        }
        return positions;
    }

    private static Double maxRate(JsonNode node, Object id) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !(node.doubleValue() > 0) || Double.isInfinite(node.doubleValue())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, id, "maxRate must be a positive number");
        }
        return node.doubleValue();
    }

    private static Long optionalLong(JsonNode node, Object id, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, id, field + " must be an integer");
        }
        return node.longValue();
    }
}
