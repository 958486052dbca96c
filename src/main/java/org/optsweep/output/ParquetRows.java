package org.optsweep.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows held as {@code Object[]} of plain Java values (String, boxed numbers, Boolean,
 * {@code double[]}, {@code int[]}) to Parquet, in the layout Spark's own Parquet writer produces
 * for the same {@link StructType}: strings as UTF-8 binary, arrays as three-level LISTs
 * ({@code group (LIST) { repeated group list { element } }}), non-nullable fields REQUIRED, and
 * the Spark schema in the footer ({@code org.apache.spark.sql.parquet.row.metadata}) so that Spark
 * reads back the exact types. DuckDB, pandas/pyarrow and Spark read the files as any others.
 *
 * <p>Why not Spark's DataFrame writer: on a 2-core machine the writer's one-time costs (query
 * planning, code generation and their JIT, ~8 s per JVM) and per-row costs (a row encoder, an
 * internal row per solve) were a third of a 20,000-trial job. Writing with parquet-mr (the library
 * Spark's writer itself uses) from the tasks costs neither. See {@link ChunkCommit} for the commit.
 *
 * <p>One instance per open file: it holds that file's record consumer.
 */
public final class ParquetRows extends WriteSupport<Object[]> {
  /** Footer key under which Spark stores, and from which it restores, the row schema. */
  static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";
  private static final String SPARK_VERSION_METADATA = "org.apache.spark.version";

  private enum Kind { STRING, LONG, INT, DOUBLE, BOOLEAN, DOUBLES, INTS }

  private final StructType schema;
  private final int[] source;
  private final Kind[] kinds;
  private final String[] names;
  private final MessageType message;
  private final Map<String, String> footer = new HashMap<>();
  /** Binary values of repeated strings (names, statuses), so they are encoded to UTF-8 once. */
  private final Map<String, Binary> strings = new HashMap<>();
  private RecordConsumer rc;

  /**
   * @param all          the schema of the value arrays that will be written
   * @param columns      names of the columns of {@code all} to store, in file order
   * @param sparkVersion recorded in the footer as Spark's writer does
   */
  ParquetRows(StructType all, List<String> columns, String sparkVersion) {
    List<StructField> fs = new ArrayList<>();
    source = new int[columns.size()];
    kinds = new Kind[columns.size()];
    names = new String[columns.size()];
    List<Type> types = new ArrayList<>();
    for (int i = 0; i < source.length; i++) {
      source[i] = all.fieldIndex(columns.get(i));
      StructField f = all.fields()[source[i]];
      fs.add(f);
      names[i] = f.name();
      kinds[i] = kind(f.dataType());
      types.add(parquetType(f));
    }
    schema = new StructType(fs.toArray(new StructField[0]));
    message = new MessageType("spark_schema", types);
    footer.put(SPARK_ROW_METADATA, schema.json());
    footer.put(SPARK_VERSION_METADATA, sparkVersion);
  }

  private static Kind kind(DataType t) {
    if (t instanceof StringType) {
      return Kind.STRING;
    } else if (t instanceof LongType) {
      return Kind.LONG;
    } else if (t instanceof IntegerType) {
      return Kind.INT;
    } else if (t instanceof DoubleType) {
      return Kind.DOUBLE;
    } else if (t instanceof BooleanType) {
      return Kind.BOOLEAN;
    } else if (t instanceof ArrayType a && a.elementType() instanceof DoubleType) {
      return Kind.DOUBLES;
    } else if (t instanceof ArrayType a && a.elementType() instanceof IntegerType) {
      return Kind.INTS;
    }
    throw new IllegalArgumentException("no Parquet mapping for column type " + t);
  }

  /** The Parquet type Spark's SparkToParquetSchemaConverter gives a field (non-legacy format). */
  private static Type parquetType(StructField f) {
    Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    DataType t = f.dataType();
    if (t instanceof ArrayType a) {
      Type.Repetition er = a.containsNull() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      Type element = Types.primitive(a.elementType() instanceof DoubleType ? PrimitiveTypeName.DOUBLE
          : PrimitiveTypeName.INT32, er).named("element");
      return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(element).named("list")).named(f.name());
    }
    return switch (kind(t)) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
          .named(f.name());
      case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
      case INT -> Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
      default -> throw new IllegalStateException();
    };
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(message, footer);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.rc = recordConsumer;
  }

  @Override
  public void write(Object[] v) {
    rc.startMessage();
    for (int i = 0; i < source.length; i++) {
      Object x = v[source[i]];
      if (x == null) {
        continue;
      }
      rc.startField(names[i], i);
      switch (kinds[i]) {
        case STRING -> rc.addBinary(binary(x));
        case LONG -> rc.addLong(((Number) x).longValue());
        case INT -> rc.addInteger(((Number) x).intValue());
        case DOUBLE -> rc.addDouble(((Number) x).doubleValue());
        case BOOLEAN -> rc.addBoolean((Boolean) x);
        case DOUBLES -> {
          double[] a = (double[]) x;
          beginList(a.length);
          for (double d : a) {
            beginElement();
            rc.addDouble(d);
            endElement();
          }
          endList(a.length);
        }
        case INTS -> {
          int[] a = (int[]) x;
          beginList(a.length);
          for (int d : a) {
            beginElement();
            rc.addInteger(d);
            endElement();
          }
          endList(a.length);
        }
        default -> throw new IllegalStateException();
      }
      rc.endField(names[i], i);
    }
    rc.endMessage();
  }

  // A LIST as Spark writes it: group { repeated group list { element } }, no "list" field when empty.
  private void beginList(int n) {
    rc.startGroup();
    if (n > 0) {
      rc.startField("list", 0);
    }
  }

  private void beginElement() {
    rc.startGroup();
    rc.startField("element", 0);
  }

  private void endElement() {
    rc.endField("element", 0);
    rc.endGroup();
  }

  private void endList(int n) {
    if (n > 0) {
      rc.endField("list", 0);
    }
    rc.endGroup();
  }

  private Binary binary(Object x) {
    String s = x instanceof String str ? str : String.valueOf(x);
    // Short strings repeat (job, study, status, schedule, executor): encode each once. Reasons and
    // other long texts are mostly distinct and are not kept.
    if (s.length() > 32) {
      return Binary.fromString(s);
    }
    Binary b = strings.get(s);
    if (b == null) {
      if (strings.size() > 4096) {
        strings.clear();
      }
      b = Binary.fromConstantByteArray(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      strings.put(s, b);
    }
    return b;
  }

  /** Values of {@code spark.sql.parquet.compression.codec} whose codecs come with Spark. */
  public static final List<String> CODECS = List.of("snappy", "zstd", "gzip", "lz4", "lz4_raw", "none", "uncompressed");

  /**
   * The Parquet compression of a {@code spark.sql.parquet.compression.codec} value: one of
   * {@link #CODECS}, in any case. (Spark also names brotli and lzo, whose codecs it does not ship.)
   *
   * @throws IllegalArgumentException for any other value
   */
  public static CompressionCodecName codec(String sparkName) {
    String n = sparkName.toLowerCase(Locale.ROOT);
    if (!CODECS.contains(n)) {
      throw new IllegalArgumentException("expected one of " + String.join(", ", CODECS));
    }
    return n.equals("none") ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.valueOf(n.toUpperCase(Locale.ROOT));
  }

  /**
   * A writer of these rows to {@code path}, dictionary encoding off for the {@code plain} column
   * paths, buffering at most {@code rowGroupBytes} before it writes a row group.
   */
  ParquetWriter<Object[]> open(Path path, Configuration conf, CompressionCodecName codec, List<String> plain,
                               long rowGroupBytes) throws IOException {
    Builder b = new Builder(HadoopOutputFile.fromPath(path, conf), this).withConf(conf)
        .withCompressionCodec(codec).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withRowGroupSize(rowGroupBytes);
    for (String p : plain) {
      if (message.containsPath(p.split("\\."))) {
        b = b.withDictionaryEncoding(p, false);
      }
    }
    return b.build();
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final ParquetRows support;

    Builder(org.apache.parquet.io.OutputFile file, ParquetRows support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
