package auth

import (
	"strings"
	"testing"
	"time"
)

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("correct horse", FastParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q", h)
	}
	if ok, err := Verify("correct horse", h); !ok || err != nil {
		t.Errorf("the right password: %v %v", ok, err)
	}
	if ok, _ := Verify("correct horsE", h); ok {
		t.Error("a wrong password matched")
	}
	h2, _ := Hash("correct horse", FastParams)
	if h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if _, err := Verify("x", "$argon2id$v=19$m=64$bad"); err == nil {
		t.Error("a malformed hash was read")
	}
}

func TestTokens(t *testing.T) {
	a, ha := NewToken("bilat_")
	b, _ := NewToken("bilat_")
	if a == b || !strings.HasPrefix(a, "bilat_") || len(a) < 40 {
		t.Errorf("tokens %q %q", a, b)
	}
	if TokenHash(a) != ha || strings.Contains(ha, a) {
		t.Error("the stored hash")
	}
	if p := NewPassword(); len(p) < 16 {
		t.Errorf("password %q", p)
	}
}

func TestTOTP(t *testing.T) {
	secret, url, err := NewTOTP("bilat", "admin")
	if err != nil || !strings.HasPrefix(url, "otpauth://totp/") {
		t.Fatal(url, err)
	}
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	code, err := TOTPCode(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	if !CheckTOTP(secret, code, now.Add(20*time.Second)) {
		t.Error("the current code was refused")
	}
	if CheckTOTP(secret, code, now.Add(5*time.Minute)) {
		t.Error("a code five minutes old was taken")
	}
}
