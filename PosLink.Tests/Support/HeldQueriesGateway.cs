using System.Reflection;
using PosLink.Domain.Gateway;

namespace PosLink.Tests.Support;

/// <summary>
/// A gateway whose status queries wait at the door until <see cref="Open"/> of them are out at once (or a hang bound
/// passes), then all go on to the inner gateway: a test sees how many queries a sweep puts in flight together, and the
/// most ever out (<see cref="Peak"/>), without reading a clock.
/// </summary>
public class HeldQueriesGateway : DispatchProxy
{
    /// <summary>How long the door stays shut if fewer queries ever come: a test that waits this long has already failed.</summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(20);

    private static readonly MethodInfo HoldMethod = typeof(HeldQueriesGateway).GetMethod(nameof(HoldAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly TaskCompletionSource _door = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IPosLinkGateway _inner = default!;
    private int _now;
    private int _peak;

    public int Open { get; private set; }

    public int Peak => Volatile.Read(ref _peak);

    public static (IPosLinkGateway Gateway, HeldQueriesGateway Door) Create(IPosLinkGateway inner, int open)
    {
        var proxy = Create<IPosLinkGateway, HeldQueriesGateway>();
        var door = (HeldQueriesGateway)(object)proxy;
        (door._inner, door.Open) = (inner, open);
        return (proxy, door);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        if (method.Name != nameof(IPosLinkGateway.QueryAsync))
        {
            return method.Invoke(_inner, args);
        }
        return HoldMethod.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(this, [method, args]);
    }

    private async Task<T> HoldAsync<T>(MethodInfo method, object?[]? args)
    {
        var now = Interlocked.Increment(ref _now);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
        if (now >= Open)
        {
            _door.TrySetResult();
        }
        try
        {
            await _door.Task.WaitAsync(HangBound).ContinueWith(_ => { }, TaskScheduler.Default);
            return await (Task<T>)method.Invoke(_inner, args)!;
        }
        finally
        {
            Interlocked.Decrement(ref _now);
        }
    }
}
