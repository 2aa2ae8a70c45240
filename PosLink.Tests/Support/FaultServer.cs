using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PosLink.Tests.Support;

/// <summary>
/// A raw TCP "gateway" on loopback that misbehaves on purpose: answers with exact bytes, resets the
/// connection, or never answers. It counts what reaches it, so tests can prove nothing was sent twice.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    public enum Fault { Respond, Reset, Silent }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Fault _fault;
    private readonly byte[] _response;
    private int _requests;
    private int _connections;

    private FaultServer(Fault fault, byte[] response)
    {
        _fault = fault;
        _response = response;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Each request as received: its header block and its body bytes.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string Headers, byte[] Body)> Received { get; } = new();

    /// <summary>Completes when a whole request has arrived.</summary>
    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static FaultServer Answering(string rawHttpResponse) => new(Fault.Respond, Encoding.UTF8.GetBytes(rawHttpResponse));

    public static FaultServer Answering(int status, string reason, string body, string contentType = "application/json") =>
        Answering($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");

    public static FaultServer Resetting() => new(Fault.Reset, []);

    public static FaultServer Silent() => new(Fault.Silent, []);

    /// <summary>A loopback address where nothing listens: connections are refused.</summary>
    public static Uri ClosedAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            Received.Enqueue(await ReadRequestAsync(socket));
            Interlocked.Increment(ref _requests);
            RequestArrived.TrySetResult();
            switch (_fault)
            {
                case Fault.Respond:
                    await socket.SendAsync(_response, SocketFlags.None);
                    socket.Shutdown(SocketShutdown.Both);
                    socket.Dispose();
                    break;
                case Fault.Reset:
                    // Linger 0 turns close into a TCP RST: the request arrived, the answer never will.
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    break;
                case Fault.Silent:
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads headers and a Content-Length body, so that the request counts as fully received.</summary>
    private static async Task<(string Headers, byte[] Body)> ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                return (Encoding.ASCII.GetString(received.ToArray()), []);
            }
            received.AddRange(buffer.AsSpan(0, n));
        }
        var headers = Encoding.ASCII.GetString(received.ToArray(), 0, headerEnd);
        var lengthLine = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        while (received.Count < headerEnd + 4 + length)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                break;
            }
            received.AddRange(buffer.AsSpan(0, n));
        }
        return (headers, received.Skip(headerEnd + 4).ToArray());
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i - 3;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
