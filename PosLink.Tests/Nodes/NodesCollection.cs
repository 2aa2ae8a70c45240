using PosLink.Tests.EndToEnd;

namespace PosLink.Tests.Nodes;

/// <summary>
/// The multi-process tests, one after another (two app nodes each are plenty for two cores), beside the rest of the
/// suite rather than after it; those that drive a browser get a Chromium of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodesCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "nodes";
}
