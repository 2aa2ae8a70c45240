using System.Text.Json.Nodes;
using PosLink.Domain.Gateway;

namespace PosLink.Web.Sandbox;

/// <summary>An answer the sandbox sends with HTTP 200, after an optional scripted delay.</summary>
public sealed record SandboxAnswer(JsonObject Body, TimeSpan Delay)
{
    public string ErrCode => (string?)Body["errCode"] ?? "";

    public static SandboxAnswer Approved(JsonObject fields, TimeSpan delay = default)
    {
        var body = new JsonObject { ["errCode"] = ResponseCodes.Approved, ["errInfo"] = "成功" };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            body[name] = value;
        }
        return new SandboxAnswer(body, delay);
    }

    public static SandboxAnswer Error(string errCode, string errInfo, JsonObject? fields = null)
    {
        var body = new JsonObject { ["errCode"] = errCode, ["errInfo"] = errInfo };
        foreach (var (name, value) in fields?.ToList() ?? [])
        {
            fields!.Remove(name);
            body[name] = value;
        }
        return new SandboxAnswer(body, TimeSpan.Zero);
    }
}
