using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PosLink.Domain.Gateway.Messages;

/// <summary>
/// The spec's required fields (是否必须: 是) that a request leaves empty. The records mark them <c>required</c>, but a
/// null can still be assigned (from a hold that lacks it): that is a programming error, refused before a byte is sent.
/// </summary>
public static class RequiredFields
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Strings = new();

    /// <summary>The name of the first required field that is empty, or null.</summary>
    public static string? Missing(IGatewayRequest request)
    {
        var required = Strings.GetOrAdd(request.GetType(), type => type.GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.IsDefined(typeof(RequiredMemberAttribute)))
            .ToArray());
        foreach (var property in required)
        {
            if (string.IsNullOrEmpty((string?)property.GetValue(request)))
            {
                return property.Name;
            }
        }
        // 1.9: the order id or the original trace number, at least one (条件必须).
        return request is QueryRequest { OriginalOrderId: null or "", OriginalSystemTraceNum: null or "" } ? nameof(QueryRequest.OriginalOrderId) : null;
    }

    /// <summary>Throws when <paramref name="request"/> misses a required field.</summary>
    public static void Check(IGatewayRequest request)
    {
        if (Missing(request) is { } field)
        {
            throw new ArgumentException($"{request.GetType().Name}.{field} is required by the spec and was empty; nothing was sent.", nameof(request));
        }
    }
}
