// Package auth owns the secrets of accounts: password hashes (argon2id),
// random one-time passwords, API and invitation tokens (random, stored only
// as their SHA-256), and time-based one-time codes (TOTP, RFC 6238).
//
// It knows nothing of users, storage or HTTP; store/ keeps what it makes,
// and server/ checks what callers present.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"golang.org/x/crypto/argon2"
)

// Params are the argon2id costs. Hashes carry their own parameters, so
// changing them affects new hashes only.
type Params struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams follow RFC 9106's second recommended option (64 MiB, 3
// passes); tests use FastParams.
var DefaultParams = Params{Time: 3, Memory: 64 * 1024, Threads: 2}

// FastParams keep tests quick; never use them for real accounts.
var FastParams = Params{Time: 1, Memory: 64, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// Hash returns the PHC-style argon2id hash of a password.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// ErrMalformedHash says a stored hash cannot be read.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// Verify reports whether password matches hash, in constant time.
func Verify(password, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	var p Params
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformedHash
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, ErrMalformedHash
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// NewPassword returns a random password of 20 characters for one-time
// use (a new account, an administrator's reset).
func NewPassword() string {
	return strings.TrimRight(base64.RawURLEncoding.EncodeToString(random(15)), "=")
}

// NewToken returns a random secret with a prefix that says what it is
// ("bilat_" for API tokens, "inv_" for invitations), and the hash to keep.
func NewToken(prefix string) (secret, hash string) {
	secret = prefix + base64.RawURLEncoding.EncodeToString(random(32))
	return secret, TokenHash(secret)
}

// TokenHash is what is stored of a token: its SHA-256 in hex. Tokens are
// long random strings, so a fast hash is enough.
func TokenHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func random(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return b
}

// NewTOTP makes a TOTP secret for an account and the otpauth:// address
// that authenticator apps read (as a QR code or typed in).
func NewTOTP(issuer, account string) (secret, url string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account})
	if err != nil {
		return "", "", err
	}
	return key.Secret(), key.URL(), nil
}

// CheckTOTP reports whether code is valid for secret now (one step of
// clock drift either way is allowed).
func CheckTOTP(secret, code string, now time.Time) bool {
	ok, err := totp.ValidateCustom(strings.TrimSpace(code), secret, now.UTC(), totp.ValidateOpts{
		Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	return err == nil && ok
}

// TOTPCode returns the current code of a secret (for tests and set-up).
func TOTPCode(secret string, now time.Time) (string, error) {
	return totp.GenerateCode(secret, now.UTC())
}
