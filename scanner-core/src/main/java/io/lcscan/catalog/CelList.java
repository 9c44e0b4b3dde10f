package io.lcscan.catalog;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelValue;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/** An immutable list that CEL takes as an already-converted runtime value; see {@link CelMap}. */
public final class CelList extends CelValue implements List<Object>, RandomAccess {
  private static final CelType TYPE = ListType.create(SimpleType.DYN);

  private final List<Object> delegate;

  /**
   * Wraps {@code values}, which nobody may change afterwards (a list the caller built, or a view of
   * an immutable tree).
   */
  public CelList(List<Object> values) {
    this.delegate = values;
  }

  @Override
  public Object value() {
    return this;
  }

  @Override
  public boolean isZeroValue() {
    return delegate.isEmpty();
  }

  @Override
  public CelType celType() {
    return TYPE;
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public boolean isEmpty() {
    return delegate.isEmpty();
  }

  @Override
  public boolean contains(Object value) {
    return delegate.contains(value);
  }

  @Override
  public java.util.Iterator<Object> iterator() {
    return delegate.iterator();
  }

  @Override
  public Object[] toArray() {
    return delegate.toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return delegate.toArray(array);
  }

  @Override
  public boolean add(Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean remove(Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean containsAll(java.util.Collection<?> values) {
    return delegate.containsAll(values);
  }

  @Override
  public boolean addAll(java.util.Collection<?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean addAll(int index, java.util.Collection<?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean removeAll(java.util.Collection<?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean retainAll(java.util.Collection<?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object get(int index) {
    return delegate.get(index);
  }

  @Override
  public Object set(int index, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void add(int index, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object remove(int index) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int indexOf(Object value) {
    return delegate.indexOf(value);
  }

  @Override
  public int lastIndexOf(Object value) {
    return delegate.lastIndexOf(value);
  }

  @Override
  public java.util.ListIterator<Object> listIterator() {
    return delegate.listIterator();
  }

  @Override
  public java.util.ListIterator<Object> listIterator(int index) {
    return delegate.listIterator(index);
  }

  @Override
  public List<Object> subList(int from, int to) {
    return delegate.subList(from, to);
  }

  @Override
  public boolean equals(Object other) {
    return other == this || delegate.equals(other);
  }

  @Override
  public int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /**
   * {@code left + right} for CEL lists, in amortized time proportional to {@code right}.
   *
   * <p>The planner runtime accumulates {@code filter} and {@code map} results with {@code accu +
   * [x]} and copies a plain accumulated list each time it reads or returns it, which makes both
   * macros quadratic. The result here is a {@link CelValue}, which CEL takes as it is, over a
   * shared backing array: appending to the newest view of an array extends the array in place
   * (older views keep their own length), and appending to any other list copies it once.
   */
  public static CelList concat(List<?> left, List<?> right) {
    if (right.isEmpty() && left instanceof CelList same) {
      return same;
    }
    if (left instanceof CelList list && list.delegate instanceof AppendView view) {
      CelList extended = view.append(right);
      if (extended != null) {
        return extended;
      }
    }
    if (left.isEmpty() && right instanceof CelList same) {
      return same;
    }
    ArrayList<Object> backing = new ArrayList<>(Math.max(8, (left.size() + right.size()) * 2));
    backing.addAll(left);
    backing.addAll(right);
    return new CelList(new AppendView(backing, backing.size()));
  }

  /** The first {@code size} elements of a backing list that only ever grows. */
  private static final class AppendView extends AbstractList<Object> implements RandomAccess {
    private final ArrayList<Object> backing;
    private final int size;

    AppendView(ArrayList<Object> backing, int size) {
      this.backing = backing;
      this.size = size;
    }

    /** This view extended by {@code values}, or null when a longer view shares the array. */
    CelList append(List<?> values) {
      if (backing.size() != size) {
        return null;
      }
      backing.addAll(values);
      return new CelList(new AppendView(backing, backing.size()));
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return backing.get(index);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
