package org.optsweep.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads YAML into plain maps, lists and scalars while remembering where every value was written,
 * so that a problem can be reported as file:line:column. Uses Jackson's YAML module (the version
 * Spark brings). What Jackson leaves to its caller is decided here, each with a position:
 * <ul>
 *   <li>an empty value ({@code ~}, {@code null}, nothing after the colon) is refused wherever it is
 *       — no setting of a job file means "nothing";</li>
 *   <li>an alias ({@code *c}) is resolved to its anchor's value ({@code &c}), which Jackson reports as
 *       the anchor's name; the expanded document may hold at most {@link #MAX_NODES} values (the
 *       "billion laughs" guard);</li>
 *   <li>{@code .inf}, {@code -.inf} and {@code .nan} are the special doubles (YAML 1.2); whether a
 *       setting accepts them is the setting's range;</li>
 *   <li>an integer beyond 64 bits stays a {@link BigInteger}, so that it is refused, not rounded;</li>
 *   <li>control characters are refused at their own line and column, and messages show them escaped;</li>
 *   <li>YAML type tags ({@code !!java...}, {@code !foo}) are refused, never interpreted.</li>
 * </ul>
 */
final class Yaml {
  private Yaml() {}

  /** Most values a document may expand to through aliases. */
  static final int MAX_NODES = 100_000;

  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  /** A parsed value with its position. Scalars are String, Long, BigInteger, Double or Boolean. */
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
      String s = p instanceof String str ? "'" + str + "'" : String.valueOf(p);
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
  }

  /** A problem of the document itself, with its position. */
  record Issue(int line, int column, String path, String message) {}

  /** The document's problems: syntax, empty values, unresolved aliases, control characters. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient List<Issue> issues;

    Refused(List<Issue> issues) {
      super(issues.get(0).message());
      this.issues = List.copyOf(issues);
    }
  }

  /** Parses the document; every empty value and other document-level problem is reported together. */
  static Node parse(String text) throws Refused {
    List<Issue> issues = new ArrayList<>();
    controlCharacters(text, issues);
    if (!issues.isEmpty()) {
      throw new Refused(issues);
    }
    Reader r = new Reader(issues);
    Node root;
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Node(new LinkedHashMap<String, Node>(), 1, 1);
      }
      root = r.read((YAMLParser) p, "");
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        issues.add(new Issue(l.getLineNr(), l.getColumnNr(), "(document)", "more than one YAML document"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String msg = e.getOriginalMessage();
      int cut = msg.indexOf('\n');
      issues.add(new Issue(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "(document)",
          "YAML syntax error: " + (cut > 0 ? msg.substring(0, cut) : msg)));
      throw new Refused(issues);
    } catch (IOException e) {
      issues.add(new Issue(0, 0, "(document)", "cannot read YAML: " + e.getMessage()));
      throw new Refused(issues);
    } catch (TooBig e) {
      throw new Refused(List.of(e.issue));
    }
    if (!issues.isEmpty()) {
      throw new Refused(issues);
    }
    return root;
  }

  /** Control characters other than tab, newline and carriage return: reported where they are. */
  private static void controlCharacters(String text, List<Issue> issues) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < text.length() && issues.size() < 10; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        col = 1;
        continue;
      }
      if (Character.isISOControl(c) && c != '\t' && c != '\r' || c == '\uFFFE' || c == '\uFFFF') {
        issues.add(new Issue(line, col, "(document)", String.format(java.util.Locale.ROOT,
            "a control character (\\u%04x) in the file; expected YAML text", (int) c)));
      }
      col++;
    }
  }

  private static final class TooBig extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Issue issue;

    TooBig(Issue issue) {
      super(issue.message(), null, false, false);
      this.issue = issue;
    }
  }

  /** One pass over the parser: builds nodes, records anchors, counts expanded values. */
  private static final class Reader {
    private final List<Issue> issues;
    private final Map<String, Node> anchors = new HashMap<>();
    private final Map<Node, Long> weights = new java.util.IdentityHashMap<>();
    private long expanded;

    Reader(List<Issue> issues) {
      this.issues = issues;
    }

    Node read(YAMLParser p, String path) throws IOException {
      JsonLocation loc = p.currentTokenLocation();
      int line = loc.getLineNr();
      int col = loc.getColumnNr();
      Object typeId = p.getTypeId();
      if (typeId != null) {
        issues.add(new Issue(line, col, path, "YAML type tags are not allowed (found " + typeId + ")"));
      }
      if (p.isCurrentAlias()) {
        String name = p.getText();
        Node target = anchors.get(name);
        if (target == null) {
          issues.add(new Issue(line, col, path, "an alias to an anchor defined before it (no &" + name + ")"));
          return new Node("", line, col);
        }
        count(weights.getOrDefault(target, 1L), line, col, path);
        return target;
      }
      String anchor = p.getObjectId() == null ? null : String.valueOf(p.getObjectId());
      long before = expanded;
      Node n = switch (p.currentToken()) {
        case START_OBJECT -> {
          Map<String, Node> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation kl = p.currentTokenLocation();
            p.nextToken();
            String child = path.isEmpty() ? key : path + "." + key;
            if (m.containsKey(key)) {
              issues.add(new Issue(kl.getLineNr(), kl.getColumnNr(), child, "each key once (duplicate key '" + key
                  + "')"));
            }
            m.put(key, read(p, child));
          }
          yield new Node(m, line, col);
        }
        case START_ARRAY -> {
          List<Node> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            l.add(read(p, path + "[" + l.size() + "]"));
          }
          yield new Node(l, line, col);
        }
        case VALUE_STRING -> new Node(special(p.getText()), line, col);
        case VALUE_NUMBER_INT -> new Node(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? p.getBigIntegerValue() : (Object) p.getLongValue(), line, col);
        case VALUE_NUMBER_FLOAT -> new Node(floating(p), line, col);
        case VALUE_TRUE -> new Node(Boolean.TRUE, line, col);
        case VALUE_FALSE -> new Node(Boolean.FALSE, line, col);
        case VALUE_NULL -> {
          issues.add(new Issue(line, col, path.isEmpty() ? "(document)" : path,
              "a value (found an empty value: ~, null or nothing after the colon; write a value or leave the key"
                  + " out)"));
          yield new Node("", line, col);
        }
        default -> throw new IOException("unexpected YAML token " + p.currentToken());
      };
      count(1, line, col, path);
      if (anchor != null) {
        anchors.put(anchor, n);
        weights.put(n, expanded - before);
      }
      return n;
    }

    private void count(long values, int line, int col, String path) {
      expanded += values;
      if (expanded > MAX_NODES) {
        throw new TooBig(new Issue(line, col, path, "a document of at most " + MAX_NODES + " values with its"
            + " aliases expanded (an alias bomb?)"));
      }
    }
  }

  /** A float scalar; Jackson classifies {@code -.inf} as a number it then cannot parse. */
  private static Object floating(YAMLParser p) throws IOException {
    String text = p.getText();
    Object special = special(text);
    return special instanceof Double d ? d : p.getDoubleValue();
  }

  /** YAML 1.2's spellings of the special doubles; any other text stays text. */
  private static Object special(String s) {
    if (INF.matcher(s).matches()) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(s).matches()) {
      return Double.NaN;
    }
    return s;
  }
}
