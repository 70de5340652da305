using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Element-wise sum, broadcasting as PyTorch does.</summary>
        public Tensor add(Tensor other) => new(LibTorch.Check(LibTorch.tl_add(handle, other.handle)));
        /// <summary>Element-wise difference.</summary>
        public Tensor sub(Tensor other) => new(LibTorch.Check(LibTorch.tl_sub(handle, other.handle)));
        /// <summary>Element-wise product.</summary>
        public Tensor mul(Tensor other) => new(LibTorch.Check(LibTorch.tl_mul(handle, other.handle)));
        /// <summary>Element-wise true division.</summary>
        public Tensor div(Tensor other) => new(LibTorch.Check(LibTorch.tl_div(handle, other.handle)));
        /// <summary>Element-wise power.</summary>
        public Tensor pow(Tensor exponent) => new(LibTorch.Check(LibTorch.tl_pow(handle, exponent.handle)));
        /// <summary>Element-wise power.</summary>
        public Tensor pow(double exponent) => new(LibTorch.Check(LibTorch.tl_pow_scalar(handle, exponent, 0)));
        /// <summary>Matrix product with PyTorch's broadcasting rules.</summary>
        public Tensor matmul(Tensor other) => new(LibTorch.Check(LibTorch.tl_matmul(handle, other.handle)));
        /// <summary>Element-wise maximum of two tensors.</summary>
        public Tensor maximum(Tensor other) => new(LibTorch.Check(LibTorch.tl_maximum(handle, other.handle)));
        /// <summary>Element-wise minimum of two tensors.</summary>
        public Tensor minimum(Tensor other) => new(LibTorch.Check(LibTorch.tl_minimum(handle, other.handle)));

        /// <summary>Element-wise <c>==</c> (bool).</summary>
        public Tensor eq(Tensor other) => new(LibTorch.Check(LibTorch.tl_eq(handle, other.handle)));
        /// <summary>Element-wise <c>!=</c> (bool).</summary>
        public Tensor ne(Tensor other) => new(LibTorch.Check(LibTorch.tl_ne(handle, other.handle)));
        /// <summary>Element-wise <c>&lt;</c> (bool).</summary>
        public Tensor lt(Tensor other) => new(LibTorch.Check(LibTorch.tl_lt(handle, other.handle)));
        /// <summary>Element-wise <c>&lt;=</c> (bool).</summary>
        public Tensor le(Tensor other) => new(LibTorch.Check(LibTorch.tl_le(handle, other.handle)));
        /// <summary>Element-wise <c>&gt;</c> (bool).</summary>
        public Tensor gt(Tensor other) => new(LibTorch.Check(LibTorch.tl_gt(handle, other.handle)));
        /// <summary>Element-wise <c>&gt;=</c> (bool).</summary>
        public Tensor ge(Tensor other) => new(LibTorch.Check(LibTorch.tl_ge(handle, other.handle)));
        /// <summary>Element-wise <c>== value</c> (bool).</summary>
        public Tensor eq(double value) => new(LibTorch.Check(LibTorch.tl_eq_scalar(handle, value, 0)));
        /// <summary>Element-wise <c>!= value</c> (bool).</summary>
        public Tensor ne(double value) => new(LibTorch.Check(LibTorch.tl_ne_scalar(handle, value, 0)));
        /// <summary>Element-wise <c>&lt; value</c> (bool).</summary>
        public Tensor lt(double value) => new(LibTorch.Check(LibTorch.tl_lt_scalar(handle, value, 0)));
        /// <summary>Element-wise <c>&lt;= value</c> (bool).</summary>
        public Tensor le(double value) => new(LibTorch.Check(LibTorch.tl_le_scalar(handle, value, 0)));
        /// <summary>Element-wise <c>&gt; value</c> (bool).</summary>
        public Tensor gt(double value) => new(LibTorch.Check(LibTorch.tl_gt_scalar(handle, value, 0)));
        /// <summary>Element-wise <c>&gt;= value</c> (bool).</summary>
        public Tensor ge(double value) => new(LibTorch.Check(LibTorch.tl_ge_scalar(handle, value, 0)));

        /// <summary>Element-wise negation.</summary>
        public Tensor neg() => new(LibTorch.Check(LibTorch.tl_neg(handle)));
        /// <summary>Element-wise absolute value.</summary>
        public Tensor abs() => new(LibTorch.Check(LibTorch.tl_abs(handle)));
        /// <summary>Element-wise e^x.</summary>
        public Tensor exp() => new(LibTorch.Check(LibTorch.tl_exp(handle)));
        /// <summary>Element-wise natural logarithm.</summary>
        public Tensor log() => new(LibTorch.Check(LibTorch.tl_log(handle)));
        /// <summary>Element-wise square root.</summary>
        public Tensor sqrt() => new(LibTorch.Check(LibTorch.tl_sqrt(handle)));
        /// <summary>Element-wise square.</summary>
        public Tensor square() => new(LibTorch.Check(LibTorch.tl_square(handle)));
        /// <summary>Element-wise sign (-1, 0, 1).</summary>
        public Tensor sign() => new(LibTorch.Check(LibTorch.tl_sign(handle)));
        /// <summary>Element-wise floor.</summary>
        public Tensor floor() => new(LibTorch.Check(LibTorch.tl_floor(handle)));
        /// <summary>Element-wise rounding, half to even.</summary>
        public Tensor round() => new(LibTorch.Check(LibTorch.tl_round(handle)));
        /// <summary>Element-wise logical not (bool).</summary>
        public Tensor logical_not() => new(LibTorch.Check(LibTorch.tl_logical_not(handle)));
        /// <summary>Which elements are NaN (bool).</summary>
        public Tensor isnan() => new(LibTorch.Check(LibTorch.tl_isnan(handle)));
        /// <summary>Which elements are finite (bool).</summary>
        public Tensor isfinite() => new(LibTorch.Check(LibTorch.tl_isfinite(handle)));

        /// <summary>Limits every element to [<paramref name="min"/>, <paramref name="max"/>]; a null bound is open.</summary>
        public Tensor clamp(double? min = null, double? max = null)
        {
            if (min is null && max is null) throw new TorchException("torch.clamp: At least one of 'min' or 'max' must not be None");
            return new(LibTorch.Check(LibTorch.tl_clamp(handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0)));
        }

        /// <summary>Whether all elements are close to <paramref name="other"/>'s: |a - b| ≤ atol + rtol·|b|.</summary>
        public bool allclose(Tensor other, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false)
        {
            LibTorch.Check(LibTorch.tl_allclose(handle, other.handle, rtol, atol, equal_nan ? 1 : 0, out var result));
            return result != 0;
        }

#pragma warning disable CS1591 // operators mirror the methods above
        public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
        public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
        public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
        public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
        public static Tensor operator -(Tensor a) => a.neg();

        public static Tensor operator +(Tensor a, double b) => Scalar(LibTorch.tl_add_scalar, a, b, 0);
        public static Tensor operator +(double a, Tensor b) => Scalar(LibTorch.tl_add_scalar, b, a, 0);
        public static Tensor operator -(Tensor a, double b) => Scalar(LibTorch.tl_sub_scalar, a, b, 0);
        public static Tensor operator -(double a, Tensor b) => Scalar(LibTorch.tl_rsub_scalar, b, a, 0);
        public static Tensor operator *(Tensor a, double b) => Scalar(LibTorch.tl_mul_scalar, a, b, 0);
        public static Tensor operator *(double a, Tensor b) => Scalar(LibTorch.tl_mul_scalar, b, a, 0);
        public static Tensor operator /(Tensor a, double b) => Scalar(LibTorch.tl_div_scalar, a, b, 0);
        public static Tensor operator /(double a, Tensor b) => Scalar(LibTorch.tl_rdiv_scalar, b, a, 0);

        // Integer scalars keep integer tensors integral, as Python ints do in PyTorch.
        public static Tensor operator +(Tensor a, long b) => Scalar(LibTorch.tl_add_scalar, a, b, 1);
        public static Tensor operator +(long a, Tensor b) => Scalar(LibTorch.tl_add_scalar, b, a, 1);
        public static Tensor operator -(Tensor a, long b) => Scalar(LibTorch.tl_sub_scalar, a, b, 1);
        public static Tensor operator -(long a, Tensor b) => Scalar(LibTorch.tl_rsub_scalar, b, a, 1);
        public static Tensor operator *(Tensor a, long b) => Scalar(LibTorch.tl_mul_scalar, a, b, 1);
        public static Tensor operator *(long a, Tensor b) => Scalar(LibTorch.tl_mul_scalar, b, a, 1);
        public static Tensor operator /(Tensor a, long b) => Scalar(LibTorch.tl_div_scalar, a, b, 1);
        public static Tensor operator /(long a, Tensor b) => Scalar(LibTorch.tl_rdiv_scalar, b, a, 1);

        public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
        public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
        public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
        public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
        public static Tensor operator <(Tensor a, double b) => a.lt(b);
        public static Tensor operator >(Tensor a, double b) => a.gt(b);
        public static Tensor operator <=(Tensor a, double b) => a.le(b);
        public static Tensor operator >=(Tensor a, double b) => a.ge(b);
#pragma warning restore CS1591

        private delegate IntPtr ScalarCall(TensorHandle tensor, double value, int isIntegral);

        private static Tensor Scalar(ScalarCall call, Tensor tensor, double value, int isIntegral) =>
            new(LibTorch.Check(call(tensor.handle, value, isIntegral)));
    }
}
