package server

func (s *Server) auditPages() []pageRoute { return nil }
