using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;

namespace PosLink.Tests.Support;

/// <summary>Unwraps gateway results in tests, failing with what actually came back.</summary>
public static class GatewayResultAssertions
{
    public static TResponse AssertAnswered<TResponse>(this GatewayResult<TResponse> result, string errCode)
        where TResponse : GatewayResponse
    {
        Assert.True(result is Answered<TResponse>, $"expected an answer with errCode {errCode}, got {result}");
        var answered = (Answered<TResponse>)result;
        Assert.True(answered.Response.ErrCode == errCode,
            $"expected errCode {errCode}, got {answered.Response.ErrCode}: {answered.Response.ErrInfo}");
        return answered.Response;
    }

    public static async Task<TResponse> AssertAnswered<TResponse>(this Task<GatewayResult<TResponse>> call, string errCode)
        where TResponse : GatewayResponse => (await call).AssertAnswered(errCode);

    public static Unanswered<TResponse> AssertUnanswered<TResponse>(this GatewayResult<TResponse> result, UnansweredReason reason)
        where TResponse : GatewayResponse
    {
        var unanswered = Assert.IsType<Unanswered<TResponse>>(result);
        Assert.Equal(reason, unanswered.Reason);
        return unanswered;
    }
}
