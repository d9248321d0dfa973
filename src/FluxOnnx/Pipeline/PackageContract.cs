using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// The I/O contract the pipeline needs from each package component, checked against the manifest at open and against
/// each session's own metadata when it is created (a graph that disagrees with its manifest entry is refused too).
/// The transformer's hidden_states width follows the manifest's variant (<see cref="TransformerInChannels"/>); the
/// VAE encoder is required by the image-conditioned variants and optional otherwise (img2img needs it when used). Float tensors cross the boundary as float32 and token ids as int64; a reduced-precision package
/// casts inside its graphs.
/// </summary>
internal static class PackageContract
{
    private const ElementType Float32 = ElementType.Float;
    private const ElementType Int64 = ElementType.Int64;

    /// <summary>Latent channels × 2×2 patch (64 for FLUX.1): the transformer's output width and a text-to-image
    /// transformer's input width.</summary>
    public static int PackedWidth(LatentSpace latent) => Latents.LatentPacking.Patch * Latents.LatentPacking.Patch * latent.Channels;

    /// <summary>
    /// hidden_states width by variant (FLUX-FACTS "Architecture"): Fill 384 (latent 64 + masked-image latent 64 + mask
    /// 256 = 4·d² for the manifest's downsample d = 8), Canny / Depth 128 (latent + control latent), every other variant
    /// 64 (Kontext appends tokens, not channels).
    /// </summary>
    public static int TransformerInChannels(Variant variant, LatentSpace latent) => variant switch
    {
        Variant.Fill => PackedWidth(latent) + Conditioning.FillConditioning.Channels(latent),
        Variant.Canny or Variant.Depth => 2 * PackedWidth(latent),
        _ => PackedWidth(latent),
    };

    /// <summary>Whether every call of the variant runs the VAE encoder (Fill, Canny, Depth, Kontext).</summary>
    public static bool RequiresVaeEncoder(Variant variant) =>
        variant is Variant.Fill or Variant.Canny or Variant.Depth or Variant.Kontext;

    private sealed record Port(string Name, ElementType ElementType, bool Optional = false);

    private sealed record Contract(Port[] Inputs, Port[] Outputs);

    private static readonly Dictionary<string, Contract> Contracts = new(StringComparer.Ordinal)
    {
        [ComponentRoles.TextEncoder] = new([new(FluxIo.InputIds, Int64)], [new(FluxIo.PooledEmbeddings, Float32)]),
        [ComponentRoles.TextEncoder2] = new([new(FluxIo.InputIds, Int64)], [new(FluxIo.TextEmbeddings, Float32)]),
        [ComponentRoles.Transformer] = new(
            [
                new(FluxIo.HiddenStates, Float32), new(FluxIo.EncoderHiddenStates, Float32),
                new(FluxIo.PooledProjections, Float32), new(FluxIo.Timestep, Float32),
                new(FluxIo.ImgIds, Float32), new(FluxIo.TxtIds, Float32),
                new(FluxIo.Guidance, Float32, Optional: true),
            ],
            [new(FluxIo.Latent, Float32)]),
        [ComponentRoles.VaeDecoder] = new([new(FluxIo.Latent, Float32)], [new(FluxIo.Images, Float32)]),
        [ComponentRoles.VaeEncoder] = new([new(FluxIo.Images, Float32)], [new(FluxIo.Latent, Float32)]),
    };

    /// <summary>Roles the pipeline loads for every variant, in pipeline order.</summary>
    public static IReadOnlyList<string> Roles { get; } =
        [ComponentRoles.TextEncoder, ComponentRoles.TextEncoder2, ComponentRoles.Transformer, ComponentRoles.VaeDecoder];

    /// <summary>Roles the pipeline loads at open for <paramref name="variant"/>: <see cref="Roles"/>, plus the VAE encoder
    /// when <see cref="RequiresVaeEncoder"/>.</summary>
    public static IReadOnlyList<string> RolesFor(Variant variant) =>
        RequiresVaeEncoder(variant) ? [.. Roles, ComponentRoles.VaeEncoder] : Roles;

    /// <summary>Tokenizer kinds the pipeline loads.</summary>
    public static IReadOnlyList<string> TokenizerKinds { get; } = ["clip", "t5"];

    /// <summary>
    /// Checks every component and tokenizer the pipeline needs. Returns whether the transformer has a
    /// <c>guidance</c> input (read from the manifest, never guessed from the variant).
    /// </summary>
    /// <exception cref="ComponentMissingException">A component or tokenizer is absent.</exception>
    /// <exception cref="ComponentSignatureException">A component's I/O does not match the contract.</exception>
    public static bool Check(ModelPackage package)
    {
        var manifest = package.Manifest;
        var inChannels = TransformerInChannels(manifest.Variant, manifest.Latent);
        foreach (var role in RolesFor(manifest.Variant).Append(ComponentRoles.VaeEncoder).Distinct())
        {
            if (!manifest.Components.TryGetValue(role, out var component))
            {
                if (role == ComponentRoles.VaeEncoder && !RequiresVaeEncoder(manifest.Variant))
                {
                    continue; // optional: only img2img needs it, and asks for it then (RequireComponent)
                }
                throw new ComponentMissingException(package.Root, role, manifest.Components.Keys.ToArray());
            }
            CheckPorts(package.Root, role, inChannels, manifest.Latent.Channels,
                component.Inputs.Select(s => (s.Name, s.ElementType, s.Shape)).ToArray(),
                component.Outputs.Select(s => (s.Name, s.ElementType, s.Shape)).ToArray());
        }
        foreach (var kind in TokenizerKinds)
        {
            if (!manifest.Tokenizers.ContainsKey(kind))
            {
                throw new ComponentMissingException(package.Root, "tokenizer:" + kind, manifest.Tokenizers.Keys.ToArray());
            }
        }
        return manifest.Components[ComponentRoles.Transformer].Inputs.Any(i => i.Name == FluxIo.Guidance);
    }

    /// <summary>Throws <see cref="ComponentMissingException"/> unless the package has <paramref name="role"/>.</summary>
    public static void RequireComponent(ModelPackage package, string role)
    {
        if (!package.Manifest.Components.ContainsKey(role))
        {
            throw new ComponentMissingException(package.Root, role, package.Manifest.Components.Keys.ToArray());
        }
    }

    /// <summary>Checks a created session against the same contract and against its manifest entry's input names.</summary>
    public static void CheckSession(ModelPackage package, string role, ModelSession session)
    {
        // A fixed axis reads as its number, a symbolic one as its name ("?" when the graph leaves it unnamed).
        static (string, ElementType, IReadOnlyList<string>) Describe(KeyValuePair<string, NodeMetadata> n) =>
            (n.Key, n.Value.ElementDataType.ToElementType(), n.Value.Dimensions.Select((d, i) =>
                d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : n.Value.SymbolicDimensions[i] is { Length: > 0 } symbol ? symbol : "?").ToArray());
        var inputs = session.Session.InputMetadata.Select(Describe).ToArray();
        CheckPorts(package.Root, role, TransformerInChannels(package.Manifest.Variant, package.Manifest.Latent), package.Manifest.Latent.Channels, inputs,
            session.Session.OutputMetadata.Select(Describe).ToArray());
        var manifestInputs = package.Manifest.Components[role].Inputs.Select(i => i.Name).Order(StringComparer.Ordinal);
        var sessionInputs = inputs.Select(i => i.Item1).Order(StringComparer.Ordinal);
        if (!manifestInputs.SequenceEqual(sessionInputs))
        {
            throw new ComponentSignatureException(session.ModelPath, role, "inputs",
                "the manifest's inputs " + List(manifestInputs), "graph inputs " + List(sessionInputs));
        }
    }

    private static void CheckPorts(string root, string role, int inChannels, int latentChannels,
        IReadOnlyList<(string Name, ElementType Type, IReadOnlyList<string> Shape)> inputs,
        IReadOnlyList<(string Name, ElementType Type, IReadOnlyList<string> Shape)> outputs)
    {
        var contract = Contracts[role];
        var required = contract.Inputs.Where(p => !p.Optional).Select(p => p.Name).ToArray();
        var known = contract.Inputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        // Run-time LoRA slot inputs (lora_down.* / lora_up.*) are checked by Lora.LoraSlots, not by the contract.
        var names = inputs.Select(i => i.Name).Where(n => !FluxOnnx.Lora.LoraSlotNames.IsSlotInput(n)).ToArray();
        if (required.Except(names).Any() || names.Except(known).Any())
        {
            var optional = contract.Inputs.Where(p => p.Optional).Select(p => p.Name).ToArray();
            var expected = List(required) + (optional.Length > 0 ? " (optional " + List(optional) + ")" : "");
            throw new ComponentSignatureException(root, role, "inputs", expected, List(names));
        }
        var outputNames = outputs.Select(o => o.Name).ToArray();
        if (contract.Outputs.Select(p => p.Name).Except(outputNames).Any())
        {
            throw new ComponentSignatureException(root, role, "outputs",
                "at least " + List(contract.Outputs.Select(p => p.Name)), List(outputNames));
        }
        foreach (var (port, isInput) in contract.Inputs.Select(p => (p, true)).Concat(contract.Outputs.Select(p => (p, false))))
        {
            var match = (isInput ? inputs : outputs).FirstOrDefault(i => i.Name == port.Name);
            if (match.Name is null)
            {
                continue;
            }
            var direction = (isInput ? "input '" : "output '") + port.Name + "'";
            if (match.Type != port.ElementType)
            {
                throw new ComponentSignatureException(root, role, direction, "element type " + port.ElementType.Name(), "element type " + match.Type.Name());
            }
            CheckFixedDim(root, role, inChannels, latentChannels, direction, port.Name, match.Shape);
        }
    }

    private static void CheckFixedDim(string root, string role, int inChannels, int latentChannels, string direction, string name, IReadOnlyList<string> shape)
    {
        // Only the channel axes are fixed by the model; batch and token axes must stay free or match the call.
        var (axis, size, meaning) = (role, name) switch
        {
            (ComponentRoles.Transformer, FluxIo.HiddenStates) => (2, inChannels, "the variant's packed latent + conditioning channels"),
            (ComponentRoles.Transformer, FluxIo.Latent) => (2, 4 * latentChannels, "the manifest's latent channels x 2x2 patch"),
            (ComponentRoles.VaeDecoder, FluxIo.Latent) => (1, latentChannels, "the manifest's latent channels"),
            (ComponentRoles.VaeDecoder, FluxIo.Images) => (1, 3, "RGB"),
            (ComponentRoles.VaeEncoder, FluxIo.Images) => (1, 3, "RGB"),
            (ComponentRoles.VaeEncoder, FluxIo.Latent) => (1, latentChannels, "the manifest's latent channels"),
            _ => (-1, 0, ""),
        };
        if (axis < 0 || shape.Count <= axis)
        {
            return;
        }
        if (long.TryParse(shape[axis], out var actual) && actual != size)
        {
            throw new ComponentSignatureException(root, role, direction,
                $"dimension {axis} = {size} ({meaning})", $"dimension {axis} = {actual}");
        }
    }

    private static string List(IEnumerable<string> names) => "[" + string.Join(", ", names) + "]";
}
