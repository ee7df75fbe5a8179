package org.polysim.mcp;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The server's one JSON mapper, shared with the MCP SDK. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode object() {
        return F.objectNode();
    }

    static ObjectNode toNode(Map<String, Object> map) {
        return map == null ? F.objectNode() : MAPPER.valueToTree(map);
    }

    static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
