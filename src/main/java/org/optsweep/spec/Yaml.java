package org.optsweep.spec;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into plain maps, lists and scalars while remembering where every value was written,
 * so that a problem can be reported as file:line:column. Uses SnakeYAML's composer (the version
 * Spark brings with Jackson's YAML module), which keeps every node's position and resolves anchors
 * on scalars too. What a job file may not do is decided here, each with a position:
 * <ul>
 *   <li>an empty value ({@code ~}, {@code null}, nothing after the colon) is kept as {@code null} for
 *       the reader of that setting to refuse with what it expected there — no setting of a job file
 *       means "nothing";</li>
 *   <li>an alias ({@code *c}) is its anchor's value ({@code &c}); the expanded document may hold at
 *       most {@link #MAX_NODES} values (the "billion laughs" guard); merge keys ({@code <<}) merge;</li>
 *   <li>{@code .inf}, {@code -.inf} and {@code .nan} are the special doubles; whether a setting
 *       accepts them is the setting's range;</li>
 *   <li>an integer beyond 64 bits stays a {@link BigInteger}, so that it is refused, not rounded;</li>
 *   <li>control characters are refused at their own line and column, and messages show them escaped;</li>
 *   <li>YAML type tags ({@code !!java...}, {@code !foo}) are refused, never interpreted.</li>
 * </ul>
 */
final class Yaml {
  private Yaml() {}

  /** Most values a document may expand to through aliases. */
  static final int MAX_NODES = 100_000;


  /**
   * A parsed value with its position and, for a scalar, its text as written (for messages). Scalars
   * are String, Long, BigInteger, Double or Boolean; an empty value is {@code null}.
   */
  record Node(Object value, int line, int column, String source) {
    Node(Object value, int line, int column) {
      this(value, line, column, null);
    }

    boolean isNull() {
      return value == null;
    }

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

    /** The value as written, for messages (at most 200 characters). */
    String text() {
      String s;
      if (value == null) {
        s = source == null || source.isEmpty() ? "(empty)" : source;
      } else if (isScalar() && source != null) {
        s = value instanceof String ? "'" + source + "'" : source;
      } else {
        Object p = plain();
        s = p instanceof String str ? "'" + str + "'" : String.valueOf(p);
      }
      return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " characters)" : s;
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

  /**
   * Parses the document. Empty values stay in the tree as {@code null} (whoever reads one says what
   * was expected there); every other problem of the document is thrown together.
   */
  static Node parse(String text) throws Refused {
    List<Issue> issues = new ArrayList<>();
    controlCharacters(text, issues);
    if (!issues.isEmpty()) {
      throw new Refused(issues);
    }
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(false);
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setNestingDepthLimit(NESTING_LIMIT);
    Iterator<Event> events = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options))
        .parse(new StringReader(text)).iterator();
    Reader r = new Reader(events, issues, options);
    Node root;
    try {
      root = r.document();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      issues.add(new Issue(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "(document)",
          "YAML syntax error: " + firstLine(problem)));
      throw new Refused(issues);
    } catch (YAMLException e) {
      issues.add(new Issue(r.line, r.column, "(document)", "YAML error: " + firstLine(e.getMessage())));
      throw new Refused(issues);
    } catch (TooBig e) {
      throw new Refused(List.of(e.issue));
    }
    if (!issues.isEmpty()) {
      throw new Refused(issues);
    }
    return root;
  }

  /** Deepest nesting of mappings and lists: a job file needs five or six levels. */
  static final int NESTING_LIMIT = 50;

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int cut = s.indexOf('\n');
    return cut > 0 ? s.substring(0, cut) : s;
  }

  /** Every empty value under {@code n}, with its path. */
  static void nulls(Node n, String path, java.util.function.BiConsumer<Node, String> out) {
    if (n.isNull()) {
      out.accept(n, path);
    } else if (n.isMap()) {
      n.map().forEach((k, v) -> nulls(v, path.isEmpty() ? k : path + "." + k, out));
    } else if (n.isList()) {
      for (int i = 0; i < n.list().size(); i++) {
        nulls(n.list().get(i), path + "[" + i + "]", out);
      }
    }
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

  /**
   * Builds {@link Node}s from SnakeYAML's parser events, as its composer would, but keeping what the
   * composer drops: where an alias was written (a value that comes through {@code *c} is reported at
   * the alias). Scalars are typed by YAML 1.1's core schema (SnakeYAML's resolver and safe
   * constructors), merge keys ({@code <<}) are applied, a non-standard tag is refused, and the values
   * aliases expand to are counted against {@link #MAX_NODES}.
   */
  private static final class Reader {
    private final Iterator<Event> events;
    private final List<Issue> issues;
    private final SafeConstructor constructor;
    private final Resolver resolver = new Resolver();
    private final Map<String, Node> anchors = new HashMap<>();
    private final Map<Node, Long> weights = new IdentityHashMap<>();
    private long total;
    private long viaAliases;
    int line;
    int column;

    Reader(Iterator<Event> events, List<Issue> issues, LoaderOptions options) {
      this.events = events;
      this.issues = issues;
      this.constructor = new SafeConstructor(options);
    }

    private Event next() {
      Event e = events.next();
      if (e.getStartMark() != null) {
        line = e.getStartMark().getLine() + 1;
        column = e.getStartMark().getColumn() + 1;
      }
      return e;
    }

    Node document() {
      next(); // stream start
      Event e = next();
      if (e instanceof StreamEndEvent) {
        return new Node(new LinkedHashMap<String, Node>(), 1, 1);
      }
      Node root = node(next(), "");
      next(); // document end
      Event after = next();
      if (!(after instanceof StreamEndEvent)) {
        issues.add(new Issue(line, column, "(document)", "one YAML document (found a second after ---)"));
      }
      return root;
    }

    private int depth;

    private Node node(Event e, String path) {
      int l = line;
      int c = column;
      if (++depth > NESTING_LIMIT) {
        throw new TooBig(new Issue(l, c, path, "at most " + NESTING_LIMIT + " levels of nested mappings and lists"));
      }
      try {
        return nodeAtDepth(e, path, l, c);
      } finally {
        depth--;
      }
    }

    private Node nodeAtDepth(Event e, String path, int l, int c) {
      if (e instanceof AliasEvent a) {
        Node target = anchors.get(a.getAnchor());
        if (target == null) {
          issues.add(new Issue(l, c, path, "an alias to an anchor defined before it (no &" + a.getAnchor() + ")"));
          return new Node("", l, c, "*" + a.getAnchor());
        }
        long weight = weights.getOrDefault(target, 1L);
        viaAliases += weight;
        total += weight;
        if (viaAliases > MAX_NODES) {
          throw new TooBig(new Issue(l, c, path, "a document of at most " + MAX_NODES + " values with its aliases"
              + " expanded (an alias bomb?)"));
        }
        return new Node(target.value(), l, c, target.source());
      }
      long before = total;
      String anchor;
      Node out;
      if (e instanceof MappingStartEvent m) {
        anchor = m.getAnchor();
        out = new Node(mapping(path), l, c);
      } else if (e instanceof SequenceStartEvent sq) {
        anchor = sq.getAnchor();
        List<Node> list = new ArrayList<>();
        Event x;
        while (!((x = next()) instanceof SequenceEndEvent)) {
          list.add(node(x, path + "[" + list.size() + "]"));
        }
        out = new Node(list, l, c);
      } else {
        ScalarEvent s = (ScalarEvent) e;
        anchor = s.getAnchor();
        out = new Node(scalar(s, path, l, c), l, c, s.getValue());
      }
      total++;
      if (anchor != null) {
        anchors.put(anchor, out);
        weights.put(out, total - before);
      }
      return out;
    }

    private Map<String, Node> mapping(String path) {
      Map<String, Node> explicit = new LinkedHashMap<>();
      Map<String, Node> merged = new LinkedHashMap<>();
      Event k;
      while (!((k = next()) instanceof MappingEndEvent)) {
        int kl = line;
        int kc = column;
        if (!(k instanceof ScalarEvent ks)) {
          issues.add(new Issue(kl, kc, path, "a plain key (found a " + k.getEventId() + ")"));
          node(k, path);
          node(next(), path);
          continue;
        }
        String key = ks.getValue();
        if (key.equals("<<") && ks.getTag() == null && ks.getImplicit().canOmitTagInPlainScalar()) {
          Node v = node(next(), path + ".<<");
          for (Node src : v.isList() ? v.list() : List.of(v)) {
            if (src.isMap()) {
              src.map().forEach(merged::putIfAbsent);
            } else {
              issues.add(new Issue(src.line(), src.column(), path + ".<<", "a mapping to merge (<<: *anchor)"));
            }
          }
          continue;
        }
        String child = path.isEmpty() ? key : path + "." + key;
        if (explicit.containsKey(key)) {
          issues.add(new Issue(kl, kc, child, "each key once (duplicate key '" + key + "')"));
        }
        explicit.put(key, node(next(), child));
      }
      // A key written in the mapping overrides the same key merged in (YAML's merge rule).
      merged.forEach(explicit::putIfAbsent);
      return explicit;
    }

    private Object scalar(ScalarEvent s, String path, int l, int c) {
      Tag tag = s.getTag() == null || s.getTag().equals("!")
          ? resolver.resolve(NodeId.scalar, s.getValue(), s.getImplicit().canOmitTagInPlainScalar())
          : new Tag(s.getTag());
      ScalarNode n = new ScalarNode(tag, s.getValue(), s.getStartMark(), s.getEndMark(), s.getScalarStyle());
      try {
        if (Tag.NULL.equals(tag)) {
          return null;
        }
        if (Tag.INT.equals(tag)) {
          Object v = constructor.new ConstructYamlInt().construct(n);
          return v instanceof BigInteger b ? b : (Object) ((Number) v).longValue();
        }
        if (Tag.FLOAT.equals(tag)) {
          return ((Number) constructor.new ConstructYamlFloat().construct(n)).doubleValue();
        }
        if (Tag.BOOL.equals(tag)) {
          return constructor.new ConstructYamlBool().construct(n);
        }
        if (Tag.STR.equals(tag)) {
          return s.getValue();
        }
      } catch (RuntimeException e) {
        issues.add(new Issue(l, c, path, "a " + tag.getValue().replace("tag:yaml.org,2002:", "") + " (cannot read '"
            + s.getValue() + "')"));
        return "";
      }
      issues.add(new Issue(l, c, path, "a plain value (YAML type tags are not allowed; found " + tag.getValue() + ")"));
      return "";
    }
  }
}
