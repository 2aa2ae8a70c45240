using System.Collections.Concurrent;

namespace PosLink.Benchmarks;

/// <summary>
/// A write-only sink that counts bytes and, when asked to watch, measures the live managed heap (after a full
/// collection, so garbage not yet collected does not count) every megabyte written: what an export holds in memory
/// at its worst, compared with before it started. A streamed export stays flat however many rows it writes.
/// </summary>
internal sealed class HeapWatchingStream(string name, bool watch) : Stream
{
    private const long SampleEvery = 1024 * 1024;
    private readonly long _start = watch ? GC.GetTotalMemory(forceFullCollection: true) : 0;
    private long _length;
    private long _nextSample = SampleEvery;
    private long _peak;

    /// <summary>The largest growth seen per export.</summary>
    public static ConcurrentDictionary<string, long> PeakGrowth { get; } = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length += buffer.Length;
        if (watch && _length >= _nextSample)
        {
            _nextSample = _length + SampleEvery;
            _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: true) - _start);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (watch)
        {
            PeakGrowth.AddOrUpdate(name, _peak, (_, earlier) => Math.Max(earlier, _peak));
        }
        base.Dispose(disposing);
    }
}
