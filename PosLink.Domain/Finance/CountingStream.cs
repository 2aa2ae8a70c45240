namespace PosLink.Domain.Finance;

/// <summary>
/// A read-only stream that reports every byte read and refuses to pass <paramref name="limit"/>: a zip entry's
/// declared size is the archive's word, this is what was actually decompressed.
/// </summary>
internal sealed class CountingStream(Stream inner, Action<int> onRead, long limit, Func<Exception> overLimit) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int read)
    {
        _position += read;
        if (_position > limit)
        {
            throw overLimit();
        }
        onRead(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
