namespace FluxOnnx.Lora;

/// <summary>
/// Folds LoRAs that need more rank on a Linear than the run-time slots hold into the best rank-R approximation of
/// their summed update (truncated SVD, Eckart–Young), reporting the energy kept per Linear. Linears within the slot
/// rank are left exactly as they were. The update ΔW = Σ sᵢ·Bᵢ·Aᵢ is never formed: with U = [s₁B₁ | s₂B₂ | …]
/// [out, K] and V = [A₁; A₂; …] [K, in],
/// <code>
///   U = Q₁R₁, Vᵀ = Q₂R₂ (thin QR)  →  ΔW = Q₁ (R₁R₂ᵀ) Q₂ᵀ;  R₁R₂ᵀ = P Σ Zᵀ (K×K SVD, one-sided Jacobi)
///   keep R:  up = Q₁ P_R Σ_R  [out, R],  down = Z_Rᵀ Q₂ᵀ  [R, in]
/// </code>
/// so the cost is O((out + in)·K² + K³) per Linear, computed in float64.
/// </summary>
public static class LoraRankFit
{
    /// <summary>The adapters with every over-rank Linear replaced by one folded term (in an extra adapter of strength 1).</summary>
    public static (IReadOnlyList<LowRankAdapter> Adapters, IReadOnlyList<LoraFitReport> Folded) Fold(IReadOnlyList<LowRankAdapter> adapters, LoraSlots slots)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        ArgumentNullException.ThrowIfNull(slots);
        var active = adapters.Where(a => a.Strength != 0).ToList();
        var byModule = active.SelectMany(a => a.Terms.Select(t => (Adapter: a, Term: t)))
            .Where(x => x.Term.Component == LoraComponent.Transformer && slots.Find(x.Term.Target) is not null)
            .GroupBy(x => x.Term.Target, StringComparer.Ordinal);
        var folded = new List<LowRankTerm>();
        var reports = new List<LoraFitReport>();
        var over = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in byModule)
        {
            var slot = slots.Find(group.Key)!;
            var rank = group.Sum(x => x.Term.Rank);
            if (rank <= slot.Rank || group.Any(x => x.Term.UpBias is not null))
            {
                continue; // fits (or carries a bias, which the slot binder refuses with its own message)
            }
            over.Add(group.Key);
            var (term, energy) = FoldModule(slot, [.. group.Select(x => (x.Term, (double)x.Adapter.Strength * x.Term.Scale))]);
            folded.Add(term);
            reports.Add(new LoraFitReport(group.Key, rank, slot.Rank, energy));
        }
        if (folded.Count == 0)
        {
            return (adapters, reports);
        }
        var kept = active.Select(a => a with { Terms = [.. a.Terms.Where(t => !over.Contains(t.Target))] }).ToList();
        kept.Add(new LowRankAdapter("svd-fit(" + string.Join(", ", active.Select(a => a.Name)) + ")", 1, folded));
        return (kept, reports);
    }

    private static (LowRankTerm Term, double Energy) FoldModule(LoraSlot slot, IReadOnlyList<(LowRankTerm Term, double Coefficient)> terms)
    {
        int outF = checked((int)slot.Out), inF = checked((int)slot.In), k = terms.Sum(t => t.Term.Rank), r = slot.Rank;
        // U [out, K] column j = coefficient · B column, at the term's row offset; Vt [in, K] column j = A row j.
        var u = new double[outF, k];
        var vt = new double[inF, k];
        var col = 0;
        foreach (var (term, coefficient) in terms)
        {
            for (var j = 0; j < term.Rank; j++, col++)
            {
                for (long row = 0; row < term.Rows; row++)
                {
                    u[term.RowOffset + row, col] = coefficient * term.Up[row * term.Rank + j];
                }
                for (var c = 0; c < inF; c++)
                {
                    vt[c, col] = term.Down[j * inF + c];
                }
            }
        }
        var r1 = QrInPlace(u, k);  // u becomes Q₁
        var r2 = QrInPlace(vt, k); // vt becomes Q₂
        var m = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                double s = 0;
                for (var t = 0; t < k; t++)
                {
                    s += r1[i, t] * r2[j, t];
                }
                m[i, j] = s;
            }
        }
        var (p, sigma, z) = JacobiSvd(m, k);
        var order = Enumerable.Range(0, k).OrderByDescending(i => sigma[i]).ToArray();
        var total = sigma.Sum(s => s * s);
        var keptEnergy = order.Take(r).Sum(i => sigma[i] * sigma[i]);
        var up = new float[outF * r];
        var down = new float[r * inF];
        for (var q = 0; q < r; q++)
        {
            var i = order[q];
            for (var row = 0; row < outF; row++)
            {
                double s = 0;
                for (var t = 0; t < k; t++)
                {
                    s += u[row, t] * p[t, i];
                }
                up[row * r + q] = (float)(s * sigma[i]);
            }
            for (var c = 0; c < inF; c++)
            {
                double s = 0;
                for (var t = 0; t < k; t++)
                {
                    s += vt[c, t] * z[t, i];
                }
                down[q * inF + c] = (float)s;
            }
        }
        var energy = total == 0 ? 1 : keptEnergy / total;
        return (new LowRankTerm(LoraComponent.Transformer, slot.Module, slot.Out, slot.In, 0, r, up, down, 1), energy);
    }

    /// <summary>Thin QR by modified Gram–Schmidt: <paramref name="a"/> [n, k] becomes Q; returns R [k, k]. Zero columns stay zero.</summary>
    private static double[,] QrInPlace(double[,] a, int k)
    {
        var n = a.GetLength(0);
        var rm = new double[k, k];
        for (var j = 0; j < k; j++)
        {
            for (var i = 0; i < j; i++)
            {
                double dot = 0;
                for (var t = 0; t < n; t++)
                {
                    dot += a[t, i] * a[t, j];
                }
                rm[i, j] = dot;
                for (var t = 0; t < n; t++)
                {
                    a[t, j] -= dot * a[t, i];
                }
            }
            double norm = 0;
            for (var t = 0; t < n; t++)
            {
                norm += a[t, j] * a[t, j];
            }
            norm = Math.Sqrt(norm);
            rm[j, j] = norm;
            for (var t = 0; t < n; t++)
            {
                a[t, j] = norm > 1e-300 ? a[t, j] / norm : 0;
            }
        }
        return rm;
    }

    /// <summary>One-sided Jacobi SVD of a square matrix: M = P diag(σ) Zᵀ (columns of P and Z unsorted).</summary>
    private static (double[,] P, double[] Sigma, double[,] Z) JacobiSvd(double[,] m, int k)
    {
        var a = (double[,])m.Clone();
        var z = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            z[i, i] = 1;
        }
        for (var sweep = 0; sweep < 60; sweep++)
        {
            var rotated = false;
            for (var i = 0; i < k - 1; i++)
            {
                for (var j = i + 1; j < k; j++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (var t = 0; t < k; t++)
                    {
                        alpha += a[t, i] * a[t, i];
                        beta += a[t, j] * a[t, j];
                        gamma += a[t, i] * a[t, j];
                    }
                    if (Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta) || gamma == 0)
                    {
                        continue;
                    }
                    rotated = true;
                    var zeta = (beta - alpha) / (2 * gamma);
                    var tan = Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    var cos = 1 / Math.Sqrt(1 + tan * tan);
                    var sin = cos * tan;
                    for (var t = 0; t < k; t++)
                    {
                        var ai = a[t, i];
                        a[t, i] = cos * ai - sin * a[t, j];
                        a[t, j] = sin * ai + cos * a[t, j];
                        var zi = z[t, i];
                        z[t, i] = cos * zi - sin * z[t, j];
                        z[t, j] = sin * zi + cos * z[t, j];
                    }
                }
            }
            if (!rotated)
            {
                break;
            }
        }
        var sigma = new double[k];
        var p = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            double norm = 0;
            for (var t = 0; t < k; t++)
            {
                norm += a[t, i] * a[t, i];
            }
            sigma[i] = Math.Sqrt(norm);
            for (var t = 0; t < k; t++)
            {
                p[t, i] = sigma[i] > 1e-300 ? a[t, i] / sigma[i] : 0;
            }
        }
        return (p, sigma, z);
    }
}
