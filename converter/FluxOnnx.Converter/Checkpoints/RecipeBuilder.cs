namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// Collects the <see cref="WeightRecipe"/>s of one component from its format's rules. Every rule consumes the
/// stored tensors it uses; <see cref="Build"/> offers whatever no rule consumed under its stored name, so graph
/// code reports it as unused by name (STYLE habit 4) instead of it vanishing. Multi-part rules are all or
/// nothing: no part present means the reference name is absent (the graph reports it missing), some parts
/// present is an <see cref="IncompleteRecipeException"/>.
/// </summary>
internal sealed class RecipeBuilder(ComponentTensors tensors)
{
    private readonly Dictionary<string, WeightRecipe> _recipes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly List<string> _tolerated = [];

    /// <summary>Stored names (prefix stripped) in storage order.</summary>
    public IEnumerable<string> StoredNames => tensors.ByName.Keys;

    /// <summary>Stored names (with prefix) deliberately left out as not part of the graph.</summary>
    public IReadOnlyList<string> Tolerated => _tolerated;

    /// <summary>Stored names (prefix stripped) no rule has consumed yet, in storage order.</summary>
    public IReadOnlyList<string> Remaining => [.. tensors.ByName.Keys.Where(n => !_consumed.Contains(n))];

    public bool Has(string stored) => tensors.ByName.ContainsKey(stored);

    /// <summary><paramref name="reference"/> is <paramref name="stored"/> unchanged; nothing happens when it is absent.</summary>
    public void Rename(string reference, string stored)
    {
        if (Has(stored))
        {
            var tensor = Take(stored);
            Add(new WeightRecipe(reference, [.. tensor.Info.Shape], [TensorSegment.Whole(tensor)]));
        }
    }

    /// <summary>
    /// <paramref name="reference"/> is <paramref name="stored"/> viewed in the shape <paramref name="reshape"/> gives
    /// (e.g. a Linear [C, C] as a 1x1 conv [C, C, 1, 1]); when it gives null the shape stays as stored, so an
    /// unexpected shape surfaces as the graph's shape error.
    /// </summary>
    public void Reshape(string reference, string stored, Func<long[], long[]?> reshape)
    {
        if (Has(stored))
        {
            var tensor = Take(stored);
            long[] shape = [.. tensor.Info.Shape];
            Add(new WeightRecipe(reference, reshape(shape) ?? shape, [TensorSegment.Whole(tensor)]));
        }
    }

    /// <summary><paramref name="reference"/> is the parts stacked along the first axis, in the order given.</summary>
    public void ConcatRows(string reference, params string[] parts)
    {
        if (!AllOrNone(reference, parts))
        {
            return;
        }
        var tensors = parts.Select(Take).ToArray();
        var first = tensors[0];
        long[] trailing = [.. first.Info.Shape.Skip(1)];
        foreach (var part in tensors)
        {
            if (part.Info.Shape.Length != first.Info.Shape.Length || !part.Info.Shape.Skip(1).SequenceEqual(trailing))
            {
                throw new RecipeShapeException(part.File.FilePath, reference, part.StoredName,
                    $"[*{string.Concat(trailing.Select(d => ", " + d))}] like {first.StoredName}", part.Info.ShapeText);
            }
        }
        long[] dims = [tensors.Sum(t => t.Rows), .. trailing];
        Add(new WeightRecipe(reference, dims, [.. tensors.Select(TensorSegment.Whole)]));
    }

    /// <summary><paramref name="reference"/> is <paramref name="stored"/> with the two halves of its first axis swapped.</summary>
    public void SwapHalves(string reference, string stored)
    {
        if (!Has(stored))
        {
            return;
        }
        var tensor = Take(stored);
        if (tensor.Info.Shape.Length == 0 || tensor.Rows % 2 != 0)
        {
            throw new RecipeShapeException(tensor.File.FilePath, reference, tensor.StoredName, "an even first dimension", tensor.Info.ShapeText);
        }
        long half = tensor.ElementCount / 2;
        Add(new WeightRecipe(reference, [.. tensor.Info.Shape], [new TensorSegment(tensor, half, half), new TensorSegment(tensor, 0, half)]));
    }

    /// <summary>
    /// <paramref name="reference"/> is stored twice: from <paramref name="stored"/> when present, else from
    /// <paramref name="alias"/>. When both are present their shapes must match and the data is compared at write time.
    /// </summary>
    public void Aliased(string reference, string stored, string alias)
    {
        if (Has(stored) && Has(alias))
        {
            var primary = Take(stored);
            var copy = Take(alias);
            if (!primary.Info.Shape.SequenceEqual(copy.Info.Shape))
            {
                throw new RecipeShapeException(copy.File.FilePath, reference, copy.StoredName, $"{primary.Info.ShapeText} like {primary.StoredName}", copy.Info.ShapeText);
            }
            Add(new WeightRecipe(reference, [.. primary.Info.Shape], [TensorSegment.Whole(primary)], copy));
        }
        else
        {
            Rename(reference, Has(stored) ? stored : alias);
        }
    }

    /// <summary>Consumes <paramref name="stored"/> without offering it: a tensor the graph by design does not use.</summary>
    public void Tolerate(string stored)
    {
        if (Has(stored))
        {
            _tolerated.Add(Take(stored).StoredName);
        }
    }

    /// <summary>The recipes, then every stored tensor no rule consumed, under its stored name.</summary>
    public IReadOnlyList<WeightRecipe> Build()
    {
        foreach ((string name, StoredTensor tensor) in tensors.ByName)
        {
            if (_consumed.Contains(name))
            {
                continue;
            }
            if (_recipes.ContainsKey(name))
            {
                throw new CheckpointException(tensors.File.FilePath, tensor.StoredName,
                    $"an unmapped stored tensor has the reference name '{name}' another tensor was mapped to");
            }
            _recipes[name] = new WeightRecipe(name, [.. tensor.Info.Shape], [TensorSegment.Whole(tensor)]);
        }
        return [.. _recipes.Values];
    }

    private bool AllOrNone(string reference, string[] parts)
    {
        var present = parts.Where(Has).ToArray();
        if (present.Length == 0)
        {
            return false;
        }
        if (present.Length < parts.Length)
        {
            throw new IncompleteRecipeException(tensors.File.FilePath, reference,
                [.. present.Select(p => tensors.Prefix + p)], [.. parts.Except(present).Select(p => tensors.Prefix + p)]);
        }
        return true;
    }

    private StoredTensor Take(string stored)
    {
        if (!_consumed.Add(stored))
        {
            throw new InvalidOperationException($"recipe bug: {stored} is used by two rules");
        }
        return tensors.ByName[stored];
    }

    private void Add(WeightRecipe recipe)
    {
        if (!_recipes.TryAdd(recipe.ReferenceName, recipe))
        {
            throw new InvalidOperationException($"recipe bug: {recipe.ReferenceName} is built twice");
        }
    }
}
