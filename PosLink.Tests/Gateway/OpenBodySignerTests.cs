using System.Text;
using System.Text.Json;
using PosLink.Domain.Gateway;

namespace PosLink.Tests.Gateway;

public sealed class OpenBodySignerTests
{
    public sealed record Vector(string AppId, string AppKey, string Timestamp, string Nonce, string Body, string BodySha256Hex, string Signature, string Authorization, string? WrongSignatureIfUppercaseHex);

    private sealed record VectorFile(Vector[] BodySignature);

    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LoadVectors().Length; i++)
        {
            data.Add(i);
        }
        return data;
    }

    private static Vector[] LoadVectors()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gateway", "auth-vectors.json"));
        return JsonSerializer.Deserialize<VectorFile>(json, JsonSerializerOptions.Web)!.BodySignature;
    }

    [Fact]
    public void Vectors_AreAllLoaded()
    {
        Assert.Equal(4, LoadVectors().Length);
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void BodyDigest_MatchesVector(int index)
    {
        var v = LoadVectors()[index];
        Assert.Equal(v.BodySha256Hex, OpenBodySigner.BodyDigest(Encoding.UTF8.GetBytes(v.Body)));
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Signature_MatchesVector(int index)
    {
        var v = LoadVectors()[index];
        Assert.Equal(v.Signature, OpenBodySigner.Signature(v.AppId, v.AppKey, v.Timestamp, v.Nonce, Encoding.UTF8.GetBytes(v.Body)));
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void AuthorizationHeader_MatchesVector(int index)
    {
        var v = LoadVectors()[index];
        Assert.Equal(v.Authorization, OpenBodySigner.AuthorizationHeader(v.AppId, v.AppKey, v.Timestamp, v.Nonce, Encoding.UTF8.GetBytes(v.Body)));
    }

    [Fact]
    public void Signature_DiffersFromUppercaseDigestSignature()
    {
        var v = LoadVectors()[0];
        var signature = OpenBodySigner.Signature(v.AppId, v.AppKey, v.Timestamp, v.Nonce, Encoding.UTF8.GetBytes(v.Body));
        Assert.NotNull(v.WrongSignatureIfUppercaseHex);
        Assert.NotEqual(v.WrongSignatureIfUppercaseHex, signature);

        // The vector's wrong value really is what an uppercase digest gives, so the comparison above means something.
        var upper = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(v.AppKey),
            Encoding.UTF8.GetBytes(v.AppId + v.Timestamp + v.Nonce + v.BodySha256Hex.ToUpperInvariant())));
        Assert.Equal(v.WrongSignatureIfUppercaseHex, upper);
    }

    [Fact]
    public void Verify_AcceptsTheVectorAndRejectsATamperedBody()
    {
        var v = LoadVectors()[1];
        Assert.True(OpenBodySigner.Verify(v.AppId, v.AppKey, v.Timestamp, v.Nonce, Encoding.UTF8.GetBytes(v.Body), v.Signature));
        Assert.False(OpenBodySigner.Verify(v.AppId, v.AppKey, v.Timestamp, v.Nonce, Encoding.UTF8.GetBytes(v.Body + " "), v.Signature));
    }

    [Fact]
    public void NewNonce_Is32LowercaseHexAndFresh()
    {
        var first = OpenBodySigner.NewNonce();
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, OpenBodySigner.NewNonce());
    }

    [Theory]
    [InlineData("OPEN-BODY-SIG AppId=\"a1\", Timestamp=\"20261127153000\", Nonce=\"n\", Signature=\"s=\"")]
    [InlineData("OPEN-BODY-SIG AppId=\"a1\",Timestamp=\"20261127153000\",Nonce=\"n\",Signature=\"s=\"")]
    [InlineData("OPEN-BODY-SIG Signature=\"s=\", Nonce=\"n\", Timestamp=\"20261127153000\", AppId=\"a1\"")]
    public void Parse_AcceptsWithOrWithoutSpacesInAnyOrder(string header)
    {
        Assert.True(OpenBodyAuthorization.TryParse(header, out var parts, out _));
        Assert.Equal(new OpenBodyAuthorization("a1", "20261127153000", "n", "s="), parts);
    }

    [Theory]
    [InlineData(null, "缺少Authorization头")]
    [InlineData("Bearer abc", "认证方式")]
    [InlineData("OPEN-BODY-SIG AppId=\"a1\", Timestamp=\"20261127153000\", Nonce=\"n\"", "Signature")]
    [InlineData("OPEN-BODY-SIG AppId=a1, Timestamp=\"1\", Nonce=\"n\", Signature=\"s\"", "格式错误")]
    public void Parse_RejectsMalformedHeadersSayingWhy(string? header, string problemMentions)
    {
        Assert.False(OpenBodyAuthorization.TryParse(header, out _, out var problem));
        Assert.Contains(problemMentions, problem, StringComparison.Ordinal);
    }
}
