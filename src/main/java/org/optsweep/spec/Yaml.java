package org.optsweep.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into plain maps, lists and scalars while remembering where every value was written,
 * so that a problem can be reported as file:line:column. Uses Jackson's YAML module (the version
 * Spark brings); YAML type tags ({@code !!java...}, {@code !foo}) are refused, never interpreted.
 */
final class Yaml {
  private Yaml() {}

  /** A parsed value with its position. Scalars are String, Long, Double, Boolean or null. */
  record Node(Object value, int line, int column) {
    @SuppressWarnings("unchecked")
    Map<String, Node> map() {
      return (Map<String, Node>) value;
    }

    @SuppressWarnings("unchecked")
    List<Node> list() {
      return (List<Node>) value;
    }

    boolean isMap() {
      return value instanceof Map;
    }

    boolean isList() {
      return value instanceof List;
    }

    boolean isScalar() {
      return !isMap() && !isList();
    }

    /** The value with positions stripped (maps, lists, scalars). */
    Object plain() {
      if (isMap()) {
        Map<String, Object> m = new LinkedHashMap<>();
        map().forEach((k, v) -> m.put(k, v.plain()));
        return m;
      }
      if (isList()) {
        List<Object> l = new ArrayList<>();
        list().forEach(v -> l.add(v.plain()));
        return l;
      }
      return value;
    }

    /** The value as written, for messages. */
    String text() {
      Object p = plain();
      return p instanceof String s ? "'" + s + "'" : String.valueOf(p);
    }
  }

  /** A syntax error or a type tag, with its position. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  static Node parse(String text) throws SyntaxError {
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Node(new LinkedHashMap<String, Node>(), 1, 1);
      }
      Node root = read(p);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new SyntaxError("more than one YAML document", l.getLineNr(), l.getColumnNr());
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      int cut = msg.indexOf('\n');
      throw new SyntaxError("YAML syntax error: " + (cut > 0 ? msg.substring(0, cut) : msg),
          l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr());
    } catch (IOException e) {
      throw new SyntaxError("cannot read YAML: " + e.getMessage(), 0, 0);
    }
  }

  private static Node read(JsonParser p) throws IOException, SyntaxError {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    Object typeId = p.getTypeId();
    if (typeId != null) {
      throw new SyntaxError("YAML type tags are not allowed (found " + typeId + ")", line, col);
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Node> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          p.nextToken();
          if (m.containsKey(key)) {
            throw new SyntaxError("duplicate key '" + key + "'", kl.getLineNr(), kl.getColumnNr());
          }
          m.put(key, read(p));
        }
        return new Node(m, line, col);
      }
      case START_ARRAY: {
        List<Node> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return new Node(l, line, col);
      }
      case VALUE_STRING:
        return new Node(p.getText(), line, col);
      case VALUE_NUMBER_INT:
        return new Node(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getDecimalValue().doubleValue() : (Object) p.getLongValue(), line, col);
      case VALUE_NUMBER_FLOAT:
        return new Node(p.getDoubleValue(), line, col);
      case VALUE_TRUE:
        return new Node(Boolean.TRUE, line, col);
      case VALUE_FALSE:
        return new Node(Boolean.FALSE, line, col);
      case VALUE_NULL:
        return new Node(null, line, col);
      default:
        throw new SyntaxError("unexpected YAML token " + t, line, col);
    }
  }
}
