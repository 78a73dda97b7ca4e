package org.allsitescron.sites;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of PHP's {@code serialize()} format, for the values WordPress keeps in its
 * options: arrays (to {@link LinkedHashMap}, keys {@link Long} or {@link String}), strings (their
 * length counted in UTF-8 bytes, as PHP does), ints ({@link Long}), floats ({@link Double}),
 * booleans and null. Anything else (objects, references, {@code S:} strings) or a malformed value
 * is {@link Malformed}; it never reads past its input, and bounded depth and element counts keep a
 * hostile value from costing more than its own length.
 */
public final class PhpSerialized {

  /** Deepest nesting of arrays accepted; WordPress's cron array is 4 deep plus its args. */
  public static final int MAX_DEPTH = 32;

  /** Most array elements in one value, all arrays together. */
  public static final int MAX_ELEMENTS = 1_000_000;

  /**
   * Smallest serialized array element ({@code i:0;N;}): caps a declared count by the bytes left.
   */
  private static final int MIN_ELEMENT_BYTES = 6;

  private final byte[] in;
  private int pos;
  private int elements;

  private PhpSerialized(byte[] in) {
    this.in = in;
  }

  /** Reads one whole value; trailing bytes are malformed. Null stands for PHP's {@code N;}. */
  public static Object read(String serialized) throws Malformed {
    if (serialized == null) {
      throw new Malformed("no value", 0);
    }
    return read(serialized.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads one whole value from its bytes; trailing bytes are malformed. */
  public static Object read(byte[] serialized) throws Malformed {
    PhpSerialized reader = new PhpSerialized(serialized);
    Object value = reader.value(0);
    if (reader.pos != serialized.length) {
      throw new Malformed("trailing bytes", reader.pos);
    }
    return value;
  }

  private Object value(int depth) throws Malformed {
    byte type = next();
    return switch (type) {
      case 'N' -> {
        expect(';');
        yield null;
      }
      case 'b' -> {
        expect(':');
        byte flag = next();
        if (flag != '0' && flag != '1') {
          throw malformed("boolean other than 0 or 1");
        }
        expect(';');
        yield flag == '1';
      }
      case 'i' -> {
        expect(':');
        long number = integer(';');
        yield number;
      }
      case 'd' -> {
        expect(':');
        yield decimal();
      }
      case 's' -> {
        expect(':');
        yield string();
      }
      case 'a' -> {
        expect(':');
        yield array(depth + 1);
      }
      default -> throw new Malformed("unsupported type '" + printable(type) + "'", pos - 1);
    };
  }

  /** {@code s:<bytes>:"<bytes>";} with the length in bytes, decoded as strict UTF-8. */
  private String string() throws Malformed {
    long length = integer(':');
    if (length < 0 || length > in.length - pos - 3) {
      throw malformed("string length " + length + " beyond the value");
    }
    expect('"');
    int start = pos;
    pos += (int) length;
    expect('"');
    expect(';');
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(in, start, (int) length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("string is not UTF-8", start);
    }
  }

  /** {@code a:<count>:{<key><value>…}} with int or string keys. */
  private Map<Object, Object> array(int depth) throws Malformed {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH);
    }
    long count = integer(':');
    if (count < 0 || count > (long) (in.length - pos) / MIN_ELEMENT_BYTES) {
      throw malformed("array count " + count + " beyond the value");
    }
    if (elements + count > MAX_ELEMENTS) {
      throw malformed("more than " + MAX_ELEMENTS + " elements");
    }
    elements += (int) count;
    expect('{');
    Map<Object, Object> array = new LinkedHashMap<>();
    for (long i = 0; i < count; i++) {
      Object key = key();
      if (array.containsKey(key)) {
        throw malformed("duplicate key " + key);
      }
      array.put(key, value(depth));
    }
    expect('}');
    return array;
  }

  private Object key() throws Malformed {
    byte type = next();
    if (type == 'i') {
      expect(':');
      return integer(';');
    }
    if (type == 's') {
      expect(':');
      return string();
    }
    throw new Malformed("array key of type '" + printable(type) + "'", pos - 1);
  }

  /** An optionally signed decimal integer in the range of PHP's 64-bit int, then {@code end}. */
  private long integer(char end) throws Malformed {
    int start = pos;
    boolean negative = false;
    if (pos < in.length && (in[pos] == '-' || in[pos] == '+')) {
      negative = in[pos] == '-';
      pos++;
    }
    int digitsStart = pos;
    long value = 0;
    while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
      int digit = in[pos] - '0';
      // Accumulate negatively so Long.MIN_VALUE is representable.
      if (value < (Long.MIN_VALUE + digit) / 10) {
        throw new Malformed("integer out of range", start);
      }
      value = value * 10 - digit;
      pos++;
    }
    if (pos == digitsStart) {
      throw new Malformed("integer expected", start);
    }
    expect(end);
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw new Malformed("integer out of range", start);
      }
      return -value;
    }
    return value;
  }

  /**
   * {@code d:<float>;}: what PHP writes ({@code 0.1}, {@code 1.0E+25}, {@code INF}, {@code NAN}).
   */
  private double decimal() throws Malformed {
    int start = pos;
    while (pos < in.length && in[pos] != ';') {
      byte c = in[pos];
      boolean allowed =
          (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'E' || c == 'e';
      boolean special = c == 'I' || c == 'N' || c == 'F' || c == 'A';
      if (!allowed && !special) {
        throw malformed("float expected");
      }
      pos++;
    }
    String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
    expect(';');
    return switch (text) {
      case "INF" -> Double.POSITIVE_INFINITY;
      case "-INF" -> Double.NEGATIVE_INFINITY;
      case "NAN" -> Double.NaN;
      default -> parseDouble(text, start);
    };
  }

  private static double parseDouble(String text, int at) throws Malformed {
    // Double.parseDouble would also take "Infinity", "1f" and "1d"; PHP writes none of them.
    if (text.isEmpty()
        || text.chars().anyMatch(c -> c == 'I' || c == 'N' || c == 'A' || c == 'F')) {
      throw new Malformed("float expected", at);
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new Malformed("float expected", at);
    }
  }

  private byte next() throws Malformed {
    if (pos >= in.length) {
      throw malformed("value ends early");
    }
    return in[pos++];
  }

  private void expect(char c) throws Malformed {
    if (pos >= in.length) {
      throw malformed("value ends early, '" + c + "' expected");
    }
    if (in[pos] != c) {
      throw malformed("'" + c + "' expected");
    }
    pos++;
  }

  private Malformed malformed(String why) {
    return new Malformed(why, pos);
  }

  private static String printable(byte b) {
    return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b);
  }

  /** A value this reader does not accept, with the byte offset where it gave up. */
  public static final class Malformed extends Exception {
    private final int offset;

    Malformed(String why, int offset) {
      super(why + " at byte " + offset, null, false, false);
      this.offset = offset;
    }

    /** Byte offset where reading stopped. */
    public int offset() {
      return offset;
    }
  }
}
