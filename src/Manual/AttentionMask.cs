namespace TorchLab.Manual;

/// <summary>
/// Attention masks in one form, torch's float mask: an array added to the scores before the
/// softmax, 0 where a query may attend to a key and −∞ where it may not, of shape (Lq, Lk)
/// (every batch entry) or (B, Lq, Lk). torch's two boolean conventions are opposite, so each has
/// its own named conversion: <c>scaled_dot_product_attention</c> reads true as "may attend"
/// (<see cref="FromMayAttend(bool[,])"/>), <c>nn.MultiheadAttention</c>'s <c>attn_mask</c> and
/// <c>key_padding_mask</c> read true as "blocked" (<see cref="FromBlocked"/>).
/// </summary>
public static class AttentionMask
{
    /// <summary>
    /// Query i may attend to keys 0 … i (torch's <c>is_causal</c>: the upper triangle above the
    /// diagonal is blocked).
    /// </summary>
    public static NdArray Causal(int queries, int keys)
    {
        var mask = NdArray.Zeros(queries, keys);
        for (var i = 0; i < queries; i++)
        for (var j = i + 1; j < keys; j++)
            mask[i, j] = float.NegativeInfinity;
        return mask;
    }

    /// <summary>
    /// An (Lq, Lk) boolean mask in <c>scaled_dot_product_attention</c>'s convention: true = may attend.
    /// </summary>
    public static NdArray FromMayAttend(bool[,] mayAttend) => Additive(mayAttend, blockedWhen: false);

    /// <summary>
    /// A (B, Lq, Lk) boolean mask in <c>scaled_dot_product_attention</c>'s convention: true = may attend.
    /// </summary>
    public static NdArray FromMayAttend(bool[,,] mayAttend)
    {
        int batch = mayAttend.GetLength(0), queries = mayAttend.GetLength(1), keys = mayAttend.GetLength(2);
        var mask = NdArray.Zeros(batch, queries, keys);
        for (var b = 0; b < batch; b++)
        for (var i = 0; i < queries; i++)
        for (var j = 0; j < keys; j++)
            if (!mayAttend[b, i, j]) mask[b, i, j] = float.NegativeInfinity;
        return mask;
    }

    /// <summary>
    /// An (L, S) boolean mask in <c>nn.MultiheadAttention</c>'s <c>attn_mask</c> convention: true = blocked.
    /// </summary>
    public static NdArray FromBlocked(bool[,] blocked) => Additive(blocked, blockedWhen: true);

    private static NdArray Additive(bool[,] mask, bool blockedWhen)
    {
        int queries = mask.GetLength(0), keys = mask.GetLength(1);
        var additive = NdArray.Zeros(queries, keys);
        for (var i = 0; i < queries; i++)
        for (var j = 0; j < keys; j++)
            if (mask[i, j] == blockedWhen) additive[i, j] = float.NegativeInfinity;
        return additive;
    }
}
