using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PosLink.Domain.Gateway;
using PosLink.Domain.Time;

namespace PosLink.Tests.Support;

/// <summary>
/// Posts arbitrary JSON to the sandbox, signed or deliberately mis-signed, for the rules a well-behaved
/// client can never break (wrong types, bad signatures, skewed clocks).
/// </summary>
public sealed class SignedPoster(Uri appAddress, TimeProvider time, string appId = SignedPoster.SandboxAppId, string appKey = SignedPoster.SandboxAppKey)
{
    public const string SandboxAppId = "10037e6f6a4e6da4016a62a47e51018c";
    public const string SandboxAppKey = "1c4e3b16066244ae9b236a09e5b312e8";

    private static readonly HttpClient Http = new();

    public Task<JsonObject> PostAsync(string path, string json, DateTimeOffset? signedAt = null) =>
        PostRawAsync(path, Encoding.UTF8.GetBytes(json), bytes =>
            OpenBodySigner.AuthorizationHeader(appId, appKey, ChinaTime.SignatureTimestamp(signedAt ?? time.GetUtcNow()), OpenBodySigner.NewNonce(), bytes));

    public async Task<JsonObject> PostRawAsync(string path, byte[] body, Func<byte[], string?> authorization)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(appAddress, "sandbox/" + path)) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (authorization(body) is { } header)
        {
            message.Headers.TryAddWithoutValidation("Authorization", header);
        }
        using var response = await Http.SendAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
