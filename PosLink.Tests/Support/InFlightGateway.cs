using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;

namespace PosLink.Tests.Support;

/// <summary>
/// The app's own gateway client, counted: how many requests are out at once (the most ever) and how many went to
/// each endpoint. A request counts as out until its task completes, so the peak is never under-read.
/// </summary>
public class InFlightGateway : DispatchProxy
{
    private static readonly MethodInfo TrackMethod = typeof(InFlightGateway).GetMethod(nameof(TrackAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private IPosLinkGateway _inner = default!;
    private Counter _counter = default!;

    /// <summary>What every client the app makes reports to.</summary>
    public sealed class Counter
    {
        private int _now;
        private int _peak;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

        public int Peak => Volatile.Read(ref _peak);

        public int Calls(string method) => _calls.GetValueOrDefault(method);

        internal void Enter(string method)
        {
            _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref _now);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
        }

        internal void Leave() => Interlocked.Decrement(ref _now);
    }

    /// <summary>Wraps the app's registered client (a typed HttpClient's factory) so every instance is counted.</summary>
    public static void Register(IServiceCollection services, Counter counter)
    {
        var original = services.Last(d => d.ServiceType == typeof(IPosLinkGateway));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(IPosLinkGateway), sp =>
        {
            var inner = (IPosLinkGateway)(original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var proxy = Create<IPosLinkGateway, InFlightGateway>();
            var tracked = (InFlightGateway)(object)proxy;
            (tracked._inner, tracked._counter) = (inner, counter);
            return proxy;
        }, original.Lifetime));
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        if (!method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            return method.Invoke(_inner, args);
        }
        _counter.Enter(method.Name);
        return TrackMethod.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(this, [method, args]);
    }

    private async Task<T> TrackAsync<T>(MethodInfo method, object?[]? args)
    {
        try
        {
            return await (Task<T>)method.Invoke(_inner, args)!;
        }
        finally
        {
            _counter.Leave();
        }
    }
}
